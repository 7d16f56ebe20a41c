"""Recipes written by a Bedrock model through the Converse API, several per call, checked before use."""

from __future__ import annotations

import json
import logging
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ConnectTimeoutError, ReadTimeoutError
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from chalicelib.adapters import bedrock_prompt as prompt
from chalicelib.domain.catalog_files import complete_recipe
from chalicelib.domain.models import Difficulty, Ingredient, Recipe, RecipeIngredient, Slug, strip_step_number
from chalicelib.domain.recipe_composer import recipe_id
from chalicelib.services.generation_ports import GenerationRequest, GenerationResult, ProviderError

if TYPE_CHECKING:
    from mypy_boto3_bedrock_runtime import BedrockRuntimeClient

log = logging.getLogger(__name__)

ClientFactory = Callable[[Config], "BedrockRuntimeClient"]

MAX_TOKENS_CAP = 8192
"""Hard ceiling on maxTokens whatever the settings say: five recipes fit well below it."""
TOKENS_PER_RECIPE = 1200
"""Output budget per recipe (Vietnamese text costs more tokens than English); the base covers the envelope."""
TOKENS_BASE = 400
TEMPERATURE = 0.7

_TRUNCATED = frozenset({"max_tokens", "model_context_window_exceeded"})
_BLOCKED = frozenset({"guardrail_intervened", "content_filtered"})
_THROTTLED = frozenset({"ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException"})
_CONFIGURATION = frozenset({"AccessDeniedException", "ValidationException", "ResourceNotFoundException",
                            "UnrecognizedClientException"})

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def max_tokens_for(count: int, limit: int) -> int:
    """maxTokens for an answer of `count` recipes: what they need, never above `limit` or the hard cap."""
    return max(1, min(limit, MAX_TOKENS_CAP, TOKENS_BASE + TOKENS_PER_RECIPE * count))


def default_client(config: Config) -> BedrockRuntimeClient:
    """A bedrock-runtime client from the SDK's own settings (region, AWS_ENDPOINT_URL, credentials)."""
    return boto3.session.Session().client("bedrock-runtime", config=config)


class _Line(BaseModel):
    model_config = ConfigDict(extra="ignore")

    ingredient_id: str
    quantity: float | None = None
    unit: str = Field(default="", max_length=20)
    note: str = Field(default="", max_length=120)
    optional: bool = False

    @field_validator("quantity", mode="before")
    @classmethod
    def _no_zero_amounts(cls, value: Any) -> Any:
        return None if isinstance(value, int | float) and value <= 0 else value

    @field_validator("unit", "note", mode="before")
    @classmethod
    def _empty_for_null(cls, value: Any) -> Any:
        return "" if value is None else value


class _Draft(BaseModel):
    """One recipe as the tool returns it; small slips (case, spaces in slugs) are fixed, not retried."""

    model_config = ConfigDict(extra="ignore")

    title_vi: Text = Field(max_length=120)
    title_en: Text = Field(max_length=120)
    description: str = Field(default="", max_length=500)
    cuisine: Slug
    tags: tuple[Slug, ...] = ()
    ingredients: tuple[_Line, ...] = Field(min_length=1)
    steps: tuple[Text, ...] = Field(min_length=1)
    prep_minutes: int = Field(ge=0, le=24 * 60)
    cook_minutes: int = Field(ge=0, le=48 * 60)
    servings: int = Field(ge=1, le=50)
    difficulty: Difficulty

    @field_validator("cuisine", mode="before")
    @classmethod
    def _slug(cls, value: Any) -> Any:
        return prompt.slug(value) if isinstance(value, str) else value

    @field_validator("tags", mode="before")
    @classmethod
    def _slugs(cls, value: Any) -> Any:
        if not isinstance(value, list | tuple):
            return value
        tags = (prompt.slug(t) if isinstance(t, str) else t for t in value)
        return tuple(dict.fromkeys(t for t in tags if t))

    @field_validator("description", mode="before")
    @classmethod
    def _empty_description(cls, value: Any) -> Any:
        return "" if value is None else value

    @field_validator("difficulty", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    def to_recipe(self) -> Recipe:
        lines = tuple(RecipeIngredient(ingredient_id=line.ingredient_id, quantity=line.quantity,
                                       unit=line.unit, note=line.note, optional=line.optional)
                      for line in self.ingredients)
        fields = self.model_dump(exclude={"ingredients", "steps"})
        steps = tuple(s for s in (strip_step_number(step) for step in self.steps) if s)
        return Recipe(id=recipe_id(self.title_en, [line.ingredient_id for line in lines]), ingredients=lines,
                      steps=steps or self.steps, source="ai", **fields)


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    recipes: tuple[_Draft, ...] = Field(min_length=1, max_length=prompt.MAX_RECIPES)


class _Unusable(Exception):
    """An answer worth one repair: no tool call, input not matching the schema, or cut off."""

    def __init__(self, problem: str, truncated: bool = False) -> None:
        super().__init__(problem)
        self.problem = problem
        self.truncated = truncated


@dataclass(frozen=True)
class _Reply:
    content: list[dict[str, Any]]
    stop_reason: str
    input_tokens: int
    output_tokens: int


def _decode(raw: Any) -> Any:
    """Tool input as an object; some models send it, or its list, as a JSON string."""
    try:
        if isinstance(raw, str):
            raw = json.loads(raw)
        if isinstance(raw, dict) and isinstance(raw.get("recipes"), str):
            raw = {**raw, "recipes": json.loads(raw["recipes"])}
    except json.JSONDecodeError as error:
        raise _Unusable(f"the tool input is not valid JSON ({error.msg} at position {error.pos})") from error
    return {"recipes": raw} if isinstance(raw, list) else raw


def _describe(error: ValidationError, limit: int = 8) -> str:
    problems = [f"{'.'.join(str(p) for p in e['loc']) or 'input'}: {e['msg']}"
                for e in error.errors(include_url=False, include_input=False)]
    more = f" (and {len(problems) - limit} more)" if len(problems) > limit else ""
    return "; ".join(problems[:limit]) + more


def _drafts(reply: _Reply) -> list[_Draft]:
    """Recipes of every call to our tool in the reply; raises _Unusable, or malformed for a blocked answer."""
    if reply.stop_reason in _BLOCKED:
        # The same filter would stop a repair too: not worth a second call.
        raise ProviderError("malformed", f"the answer was blocked ({reply.stop_reason})")
    if reply.stop_reason in _TRUNCATED:
        raise _Unusable(f"the answer was cut off ({reply.stop_reason})", truncated=True)
    inputs = [block["toolUse"].get("input") for block in reply.content
              if isinstance(block.get("toolUse"), dict) and block["toolUse"].get("name") == prompt.TOOL_NAME]
    if not inputs:
        raise _Unusable(f"there was no {prompt.TOOL_NAME} tool call")
    drafts: list[_Draft] = []
    for raw in inputs:
        try:
            drafts.extend(_Answer.model_validate(_decode(raw)).recipes)
        except ValidationError as error:
            raise _Unusable(_describe(error)) from error
    return drafts


def _client_error(error: ClientError, model_id: str) -> ProviderError:
    code = str(error.response.get("Error", {}).get("Code", ""))
    message = f"bedrock {code or 'error'}: {error}"
    if code in _THROTTLED:
        return ProviderError("throttled", message)
    if code == "ModelTimeoutException":
        return ProviderError("timeout", message)
    if code in _CONFIGURATION:
        log.error("bedrock configuration error for model %s: %s", model_id, message)
    return ProviderError("unavailable", message)


class BedrockRecipeProvider:
    """RecipeProvider over Bedrock Converse: one forced tool call returns every recipe of a request.

    The caller owns the rate limit, so the client never retries (a retried throttle only burns quota and
    time). A malformed answer gets one repair call; usage covers both calls.

    Parameters
    ----------
    model_id:
        A model or inference profile id that supports tool use with a forced tool (Claude 3+, Nova).
    max_tokens:
        Upper bound on maxTokens; each call asks only for what `count` recipes need (see max_tokens_for).
    client_factory:
        Builds the client from the botocore Config this provider needs; defaults to `default_client`.
    ingredients_by_id:
        The master ingredient list. With it, prompt names come from the master list, ingredients that break
        the diet or carry an excluded allergen are not offered, and recipes get derived allergens and diets
        (violators are dropped). Without it, recipes come back with no derived allergens or diets and the
        caller must check them.
    """

    name = "bedrock"

    def __init__(self, model_id: str, max_tokens: int = 6000, client_factory: ClientFactory | None = None, *,
                 timeout_seconds: float = 30.0, connect_timeout_seconds: float = 2.0,
                 ingredients_by_id: Mapping[str, Ingredient] | None = None,
                 temperature: float = TEMPERATURE) -> None:
        self.model_id = model_id
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.config = Config(connect_timeout=connect_timeout_seconds, read_timeout=timeout_seconds,
                             retries={"total_max_attempts": 1, "mode": "standard"})
        self._factory = client_factory or default_client
        self._ingredients = dict(ingredients_by_id) if ingredients_by_id is not None else None
        self._lock = threading.Lock()
        self._bedrock: BedrockRuntimeClient | None = None

    def _client(self) -> BedrockRuntimeClient:
        with self._lock:
            if self._bedrock is None:
                self._bedrock = self._factory(self.config)
            return self._bedrock

    def _converse(self, params: dict[str, Any]) -> _Reply:
        try:
            response: Mapping[str, Any] = self._client().converse(**params)
        except ClientError as error:
            raise _client_error(error, self.model_id) from error
        except (ReadTimeoutError, ConnectTimeoutError) as error:
            raise ProviderError("timeout", f"bedrock: {error}") from error
        except BotoCoreError as error:  # endpoint unreachable, no credentials ...
            raise ProviderError("unavailable", f"bedrock: {error}") from error
        usage = response.get("usage", {})
        content = response.get("output", {}).get("message", {}).get("content", [])
        return _Reply([dict(b) for b in content], str(response.get("stopReason", "")),
                      int(usage.get("inputTokens", 0)), int(usage.get("outputTokens", 0)))

    def generate(self, request: GenerationRequest) -> GenerationResult:
        """`request.count` recipes for exactly the request's ingredients, in one call (two with a repair)."""
        have, pantry = prompt.offered_ingredients(request, self._ingredients)
        if not have:
            log.warning("bedrock: none of the requested ingredients can be offered; no call made")
            return GenerationResult(recipes=(), provider=self.name, model=self.model_id)
        user = prompt.user_message(request, self._ingredients)
        params: dict[str, Any] = {
            "modelId": self.model_id,
            "system": prompt.system_blocks(),
            "messages": [user],
            "inferenceConfig": {"maxTokens": max_tokens_for(request.count, self.max_tokens),
                                "temperature": self.temperature},
            "toolConfig": prompt.tool_config([row["id"] for row in have + pantry], request.count),
        }
        replies = [self._converse(params)]
        try:
            drafts = _drafts(replies[0])
        except _Unusable as problem:
            log.warning("bedrock answer unusable, asking once for a repair: %s", problem.problem)
            params["messages"] = prompt.repair_messages(user, replies[0].content, problem.problem,
                                                        request.count, problem.truncated)
            replies.append(self._converse(params))
            try:
                drafts = _drafts(replies[1])
            except _Unusable as again:
                raise ProviderError("malformed",
                                    f"bedrock answer unusable after a repair: {again.problem}") from again
        recipes = self._keep_allowed(drafts, request, {row["id"] for row in have},
                                     {row["id"] for row in pantry})
        return GenerationResult(recipes=recipes, provider=self.name, model=self.model_id,
                                input_tokens=sum(r.input_tokens for r in replies),
                                output_tokens=sum(r.output_tokens for r in replies))

    def _keep_allowed(self, drafts: Sequence[_Draft], request: GenerationRequest, have: set[str],
                      pantry: set[str]) -> tuple[Recipe, ...]:
        """Recipes keeping every rule of the request, at most `count`; drops are counted in a log line."""
        kept: dict[str, Recipe] = {}
        dropped: Counter[str] = Counter()
        for draft in drafts:
            reason, recipe = self._check(draft, request, have, pantry)
            if recipe is None:
                dropped[reason] += 1
            elif recipe.id in kept:
                dropped["duplicate"] += 1
            elif len(kept) >= request.count:
                dropped["over_count"] += 1
            else:
                kept[recipe.id] = recipe
        log.info("bedrock recipes: model=%s returned=%d kept=%d dropped=%d reasons=%s", self.model_id,
                 len(drafts), len(kept), sum(dropped.values()), dict(dropped))
        return tuple(kept.values())

    def _check(self, draft: _Draft, request: GenerationRequest, have: set[str],
               pantry: set[str]) -> tuple[str, Recipe | None]:
        """('', recipe) when the recipe may be served, else (reason, None)."""
        ids = {line.ingredient_id for line in draft.ingredients}
        if ids & set(request.exclude_ingredients):
            return "excluded_ingredient", None
        if not ids <= have | pantry:
            return "unknown_ingredient", None
        if not ids & have:
            return "no_requested_ingredient", None
        try:
            recipe = draft.to_recipe()
        except ValidationError:
            return "invalid", None
        if request.max_minutes is not None and recipe.total_minutes > request.max_minutes:
            return "too_long", None
        if self._ingredients is None:
            return "", recipe
        try:
            recipe = complete_recipe(recipe, self._ingredients)
        except KeyError:
            return "unverifiable", None
        if set(recipe.allergens) & set(request.exclude_allergens):
            return "allergen", None
        if request.diet is not None and request.diet not in recipe.diets:
            return "diet", None
        return "", recipe
