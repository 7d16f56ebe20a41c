"""`chalice package` for the deployed stages, merged with deploy/template-<stage>.yml, read as CloudFormation.

The project is packaged from a copy whose requirements.txt is empty: the template does not depend on the
dependencies, and building them (downloads, and a compile where no wheel fits the Lambda runtime) would
take minutes and the network. Nothing here talks to AWS: credentials are fake and no profile is read.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from chalicelib.adapters.table_bootstrap import GSI1, TTL_ATTRIBUTE, table_definition
from chalicelib.config import Settings
from tests.support import ROOT
from tests.support.aws import FAKE_CREDENTIALS, REAL_ACCOUNT_VARIABLES, REGION
from tests.support.chalice_local import chalice_command

STAGES = ("dev", "prod")
APP = "cooking-api"
AI_ALIAS = "live"

# What the scaling plan sets per function and stage: (memory MB, timeout s, reserved concurrency).
FUNCTIONS = {
    "dev": {"APIHandler": (256, 10, 50), "AiSuggestion": (1024, 60, 100)},
    "prod": {"APIHandler": (512, 30, 50), "AiSuggestion": (1536, 60, 100)},
}
CHALICE_NAMES = {"APIHandler": "api_handler", "JwtAuth": "jwt_auth", "AiSuggestion": "ai_suggestion"}
GATEWAY_RESPONSES = {"UNAUTHORIZED": 401, "ACCESS_DENIED": 403, "MISSING_AUTHENTICATION_TOKEN": None,
                     "DEFAULT_4XX": None, "DEFAULT_5XX": None}
# Actions AWS only grants on "*": ENI management for a function in a VPC, and PutMetricData (which the
# policy narrows to the app's namespace with a condition instead).
STAR_ACTIONS = {"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses", "ec2:DescribeSubnets",
                "cloudwatch:PutMetricData"}
# cfn-lint findings accepted on purpose (rule id -> why). Errors are never accepted; informational
# findings (I....) are not reported at all.
ACCEPTED_WARNINGS: dict[str, str] = {}
PACKAGE_TIMEOUT_S = 120


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (*REAL_ACCOUNT_VARIABLES, "AWS_ENDPOINT_URL")}
    env.update(FAKE_CREDENTIALS)
    env["AWS_DEFAULT_REGION"] = REGION
    env["AWS_CONFIG_FILE"] = os.devnull
    env["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    return env


def _copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True)
    shutil.copy2(ROOT / "app.py", destination / "app.py")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "chalicelib", destination / "chalicelib", ignore=ignore)
    shutil.copytree(ROOT / "deploy", destination / "deploy", ignore=ignore)
    (destination / ".chalice").mkdir()
    for source in (ROOT / ".chalice").glob("*.json"):
        shutil.copy2(source, destination / ".chalice" / source.name)
    (destination / "requirements.txt").write_text("")
    return destination


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed in this environment (make venv)")
    return found


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each stage's output folder (sam.yaml, deployment.zip); both stages are packaged at once."""
    root = tmp_path_factory.mktemp("package")
    project = _copy_project(root / "project")
    env = _environment()
    runs = {}
    for stage in STAGES:
        out = root / stage
        command = [*chalice_command(), "package", "--stage", stage,
                   "--merge-template", f"deploy/template-{stage}.yml", str(out)]
        runs[stage] = (out, subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE,
                                             stderr=subprocess.STDOUT, text=True))
    outputs = {}
    try:
        for stage, (out, process) in runs.items():
            log, _ = process.communicate(timeout=PACKAGE_TIMEOUT_S)
            assert process.returncode == 0, f"chalice package --stage {stage} failed:\n{log}"
            outputs[stage] = out
    finally:
        for _, process in runs.values():
            if process.poll() is None:
                process.kill()
                process.wait()
    return outputs


@pytest.fixture(scope="module")
def templates(packaged: dict[str, Path]) -> dict[str, dict[str, Any]]:
    # A YAML merge template makes chalice write sam.yaml (in plain YAML: intrinsics in their long form).
    return {stage: yaml.safe_load((out / "sam.yaml").read_text()) for stage, out in packaged.items()}


def resources(template: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def functions(template: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: r["Properties"] for name, r in resources(template, "AWS::Serverless::Function").items()}


def env_of(template: dict[str, Any], function: str) -> dict[str, str]:
    return dict(functions(template)[function]["Environment"]["Variables"])


def role_statements(template: dict[str, Any], function: str) -> list[dict[str, Any]]:
    role = functions(template)[function]["Role"]["Fn::GetAtt"][0]
    policies = template["Resources"][role]["Properties"].get("Policies", [])
    return [s for p in policies for s in p["PolicyDocument"]["Statement"]]


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


# --- functions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_functions_have_the_plans_memory_timeout_and_reserved_concurrency(
        templates: dict[str, dict[str, Any]], stage: str) -> None:
    fns = functions(templates[stage])
    assert set(CHALICE_NAMES) <= set(fns), f"missing functions in {sorted(fns)}"
    for name, (memory, timeout, reserved) in FUNCTIONS[stage].items():
        props = fns[name]
        assert (props["MemorySize"], props["Timeout"], props["ReservedConcurrentExecutions"]) == \
            (memory, timeout, reserved), name
    auth = fns["JwtAuth"]
    assert 128 <= auth["MemorySize"] <= 256 and 5 <= auth["Timeout"] <= 10
    # Every function (scheduled jobs included) is capped, so none can take the account's whole pool.
    assert all(props.get("ReservedConcurrentExecutions") for props in fns.values())


@pytest.mark.parametrize("stage", STAGES)
def test_functions_have_fixed_names_and_logs_kept_seven_days(
        templates: dict[str, dict[str, Any]], stage: str) -> None:
    template = templates[stage]
    for name, chalice_name in CHALICE_NAMES.items():
        assert functions(template)[name]["FunctionName"] == f"{APP}-{stage}-{chalice_name}"
    groups = resources(template, "AWS::Logs::LogGroup")
    assert groups and all(g["Properties"]["RetentionInDays"] == 7 for g in groups.values())
    names = {g["Properties"]["LogGroupName"] for g in groups.values()}
    for props in functions(template).values():
        assert f"/aws/lambda/{props['FunctionName']}" in names


# --- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_every_function_gets_the_stages_settings(templates: dict[str, dict[str, Any]], stage: str) -> None:
    template = templates[stage]
    for name in functions(template):
        env = env_of(template, name)
        # Given what the function will read / Then every variable is a setting, and a valid one
        unknown = {k for k in env if k.lower() not in Settings.model_fields}
        assert not unknown, f"{name}: variables no setting reads: {sorted(unknown)}"
        settings = Settings.model_validate({k.lower(): v for k, v in env.items()})
        assert settings.stage == stage
        assert settings.table_name == f"cooking-{stage}"
        assert (settings.ai_invoke, settings.ai_provider, settings.ai_fallback) == ("lambda", "bedrock", "offline")
        assert settings.bedrock_model_id and settings.bedrock_timeout_seconds == 25
        assert (settings.ai_rate_per_minute, settings.ai_fallback_per_minute) == (200, 5)
        assert {"MEMCACHED_NODES", "AI_DAILY_QUOTA_PER_USER", "MIX_MAX_AI_SHARE"} <= set(env)
    assert Settings.model_validate({"mix_max_ai_share": env_of(template, "APIHandler")["MIX_MAX_AI_SHARE"]}) \
        .mix_max_ai_share == {"dev": 1.0, "prod": 0.8}[stage]


@pytest.mark.parametrize("stage", STAGES)
def test_the_api_invokes_the_stages_ai_function(templates: dict[str, dict[str, Any]], stage: str) -> None:
    template = templates[stage]
    ai = functions(template)["AiSuggestion"]
    target = env_of(template, "APIHandler")["AI_FUNCTION_NAME"]
    if stage == "prod":  # through the alias that holds the provisioned instances
        assert target == f"{ai['FunctionName']}:{AI_ALIAS}"
    else:
        assert target == ai["FunctionName"]


# --- provisioned concurrency ----------------------------------------------------------------------


def test_prod_ai_function_has_an_alias_with_ten_provisioned_instances(
        templates: dict[str, dict[str, Any]], packaged: dict[str, Path]) -> None:
    ai = functions(templates["prod"])["AiSuggestion"]
    assert ai["AutoPublishAlias"] == AI_ALIAS
    assert ai["AutoPublishAliasAllProperties"] is True  # any change reaches the alias, not only code changes
    assert ai["ProvisionedConcurrencyConfig"] == {"ProvisionedConcurrentExecutions": 10}
    assert ai["ProvisionedConcurrencyConfig"]["ProvisionedConcurrentExecutions"] <= \
        ai["ReservedConcurrentExecutions"]
    # async jobs expire with their generation claim (3 minutes) and are retried at most once
    assert ai["EventInvokeConfig"] == {"MaximumEventAgeInSeconds": 180, "MaximumRetryAttempts": 1}
    # What CloudFormation will get once SAM expands the function: a version and an alias holding them.
    expanded = sam_transform(templates["prod"])
    aliases = resources(expanded, "AWS::Lambda::Alias")
    assert len(aliases) == 1
    alias = next(iter(aliases.values()))["Properties"]
    assert alias["Name"] == AI_ALIAS and alias["FunctionName"] == {"Ref": "AiSuggestion"}
    assert alias["ProvisionedConcurrencyConfig"] == {"ProvisionedConcurrentExecutions": 10}
    assert "AutoPublishAlias" not in functions(templates["dev"])["AiSuggestion"]


def sam_transform(template: dict[str, Any]) -> dict[str, Any]:
    from samtranslator.translator.transform import transform

    class NoManagedPolicies:
        def load(self) -> dict[str, str]:
            return {}

    copy = json.loads(json.dumps(template))
    for props in functions(copy).values():
        props["CodeUri"] = "s3://bucket/deployment.zip"  # SAM wants the S3 location `aws cloudformation package` writes
    return dict(transform(copy, {}, NoManagedPolicies()))


# --- IAM ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_roles_name_their_resources(templates: dict[str, dict[str, Any]], stage: str) -> None:
    template = templates[stage]
    table = f"arn:aws:dynamodb:*:*:table/cooking-{stage}"
    model = env_of(template, "AiSuggestion")["BEDROCK_MODEL_ID"]
    foundation_model = model.removeprefix("us.")  # an inference profile id names the model it routes to
    ai_function = functions(template)["AiSuggestion"]["FunctionName"]
    for name in CHALICE_NAMES:
        statements = role_statements(template, name)
        assert statements, f"{name} has no policy"
        for s in statements:
            actions, targets = as_list(s["Action"]), as_list(s["Resource"])
            assert s["Effect"] == "Allow" and not any(a == "*" or a.endswith(":*") for a in actions), s
            if "*" in targets:
                assert set(actions) <= STAR_ACTIONS, s
            for action in actions:
                service = action.split(":")[0]
                if service == "dynamodb":
                    assert all(t in (table, f"{table}/index/*") for t in targets), s
                elif service == "lambda":
                    assert all(t.split(":")[6] == ai_function for t in targets), s
                elif service == "bedrock":
                    assert all(t.endswith(foundation_model) for t in targets), s
                elif service == "s3":
                    assert all(re.fullmatch(rf"arn:aws:s3:::cooking-archive-{stage}(/\*)?", t) for t in targets), s
                elif action == "cloudwatch:PutMetricData":
                    assert s["Condition"] == {"StringEquals": {"cloudwatch:namespace": "CookingApp"}}, s
    api = role_statements(template, "APIHandler")
    granted = {(a, t) for s in api for a in as_list(s["Action"]) for t in as_list(s["Resource"])}
    for action in ("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem",
                   "ConditionCheckItem", "DescribeTable"):
        assert (f"dynamodb:{action}", table) in granted
    assert ("dynamodb:Query", f"{table}/index/*") in granted
    assert ("lambda:InvokeFunction", f"arn:aws:lambda:*:*:function:{ai_function}:*") in granted
    ai = role_statements(template, "AiSuggestion")
    ai_grants = {(a, t) for s in ai for a in as_list(s["Action"]) for t in as_list(s["Resource"])}
    assert ("bedrock:InvokeModel", f"arn:aws:bedrock:*::foundation-model/{foundation_model}") in ai_grants
    if model != foundation_model:
        assert ("bedrock:InvokeModel", f"arn:aws:bedrock:*:*:inference-profile/{model}") in ai_grants


# --- API Gateway ----------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", STAGES)
def test_gateway_errors_use_the_apps_error_shape(templates: dict[str, dict[str, Any]], stage: str) -> None:
    responses = templates[stage]["Resources"]["RestAPI"]["Properties"]["GatewayResponses"]
    assert set(GATEWAY_RESPONSES) <= set(responses)
    for kind, response in responses.items():
        if kind in GATEWAY_RESPONSES and GATEWAY_RESPONSES[kind] is not None:
            assert response["StatusCode"] == GATEWAY_RESPONSES[kind]
        body = response["ResponseTemplates"]["application/json"]
        # $context.error.messageString is substituted as a quoted JSON string.
        parsed = json.loads(body.replace("$context.error.messageString", '"Unauthorized"'))
        assert set(parsed) == {"error"}
        assert set(parsed["error"]) == {"code", "message", "details"}
        assert re.fullmatch(r"[a-z_]+", parsed["error"]["code"]) and parsed["error"]["message"]
        assert parsed["error"]["details"] is None


# --- storage --------------------------------------------------------------------------------------


def test_prod_table_matches_the_bootstrap_definition(templates: dict[str, dict[str, Any]]) -> None:
    template = templates["prod"]
    [table] = resources(template, "AWS::DynamoDB::Table").values()
    props = table["Properties"]
    expected = table_definition(env_of(template, "APIHandler")["TABLE_NAME"])
    assert props["TableName"] == expected["TableName"]
    assert props["BillingMode"] == expected["BillingMode"]
    assert props["KeySchema"] == expected["KeySchema"]
    assert sorted(props["AttributeDefinitions"], key=str) == sorted(expected["AttributeDefinitions"], key=str)
    assert props["GlobalSecondaryIndexes"] == expected["GlobalSecondaryIndexes"]
    assert [i["IndexName"] for i in props["GlobalSecondaryIndexes"]] == [GSI1]
    assert props["TimeToLiveSpecification"] == {"AttributeName": TTL_ATTRIBUTE, "Enabled": True}
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert table["DeletionPolicy"] == "Retain"


def test_prod_archive_bucket_moves_to_ia_then_glacier(templates: dict[str, dict[str, Any]]) -> None:
    [bucket] = resources(templates["prod"], "AWS::S3::Bucket").values()
    assert bucket["Properties"]["BucketName"] == "cooking-archive-prod"
    [rule] = bucket["Properties"]["LifecycleConfiguration"]["Rules"]
    assert rule["Status"] == "Enabled"
    assert [(t["StorageClass"], t["TransitionInDays"]) for t in rule["Transitions"]] == \
        [("STANDARD_IA", 30), ("GLACIER", 90)]


# --- alarms ---------------------------------------------------------------------------------------


def test_prod_alarms_use_the_plans_thresholds(templates: dict[str, dict[str, Any]]) -> None:
    template = templates["prod"]
    alarms = {n: a["Properties"] for n, a in resources(template, "AWS::CloudWatch::Alarm").items()}
    [topic] = resources(template, "AWS::SNS::Topic")
    assert all({"Ref": topic} in a["AlarmActions"] for a in alarms.values())

    latency = alarms["ApiLatencyP95Alarm"]
    assert (latency["MetricName"], latency["ExtendedStatistic"], latency["Threshold"]) == ("Latency", "p95", 1000)
    api_name = {d["Name"]: d["Value"] for d in latency["Dimensions"]}["ApiName"]
    assert template["Resources"]["RestAPI"]["Properties"]["DefinitionBody"]["info"]["title"] == api_name
    for fn, alarm in (("APIHandler", "ApiHandler"), ("JwtAuth", "JwtAuth"), ("AiSuggestion", "AiSuggestion")):
        errors = alarms[f"{alarm}ErrorsAlarm"]
        assert (errors["MetricName"], errors["Statistic"], errors["Period"], errors["Threshold"]) == \
            ("Errors", "Sum", 60, 10)
        assert errors["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": fn}}]
    assert alarms["TableThrottlingAlarm"]["Threshold"] == 0
    assert alarms["TableQueryLatencyAlarm"]["Threshold"] == 200
    assert alarms["AiSuggestionErrorRateAlarm"]["Threshold"] == 1
    for fn in ("ApiHandler", "AiSuggestion"):
        assert alarms[f"{fn}TimeoutRateAlarm"]["Threshold"] == 1
        assert template["Resources"][f"{fn}TimeoutFilter"]["Properties"]["LogGroupName"] == {"Ref": f"{fn}LogGroup"}


# --- CloudFormation lint --------------------------------------------------------------------------


def test_templates_pass_cfn_lint(packaged: dict[str, Path]) -> None:
    import samtranslator  # noqa: F401  (without it cfn-lint cannot expand the SAM resources)

    files = [str(packaged[stage] / "sam.yaml") for stage in STAGES]
    result = subprocess.run([_tool("cfn-lint"), "--format", "json", "--", *files], capture_output=True,
                            text=True, timeout=PACKAGE_TIMEOUT_S, env=_environment())
    # The exit code is a set of flags (2 errors, 4 warnings, 8 informational); 1 means cfn-lint itself failed.
    assert result.returncode % 2 == 0 and result.returncode < 16, result.stdout + result.stderr
    findings = json.loads(result.stdout or "[]")
    errors = [f for f in findings if f["Level"] == "Error"]
    warnings = [f for f in findings if f["Level"] == "Warning" and f["Rule"]["Id"] not in ACCEPTED_WARNINGS]
    assert not errors and not warnings, json.dumps(errors + warnings, indent=1)
