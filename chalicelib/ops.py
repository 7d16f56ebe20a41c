"""Operator commands: `python -m chalicelib.ops bootstrap|seed --stage STAGE`.

The stage's environment variables come from .chalice/config.json; variables already set in the
process environment win, so the same command serves `make run`, tests and a deployment pipeline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from chalicelib.adapters.table_bootstrap import ensure_table
from chalicelib.config import get_settings
from chalicelib.domain.catalog_files import load_catalog
from chalicelib.domain.models import Ingredient
from chalicelib.domain.summary import summarize
from chalicelib.wiring import services

CONFIG = Path(__file__).resolve().parent.parent / ".chalice" / "config.json"


def stage_environment(stage: str, config_path: Path = CONFIG) -> dict[str, str]:
    """Top-level environment variables overlaid with the stage's own."""
    config = json.loads(config_path.read_text())
    if stage not in config.get("stages", {}):
        raise SystemExit(f"unknown stage '{stage}' (have: {', '.join(config.get('stages', {}))})")
    env = dict(config.get("environment_variables", {}))
    env.update(config["stages"][stage].get("environment_variables", {}))
    return env


def ingredients_version(ingredients: Sequence[Ingredient]) -> str:
    """A digest of the master list: instances reload their in-memory list when it changes."""
    data = "\n".join(i.model_dump_json() for i in sorted(ingredients, key=lambda i: i.id))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def bootstrap() -> str:
    name = get_settings().table_name
    created = ensure_table(name)
    return f"table {name}: {'created' if created else 'already there'}"


def seed() -> str:
    catalog = load_catalog()
    by_id = {i.id: i for i in catalog.ingredients}
    repo = services().repository
    repo.put_ingredients(catalog.ingredients, ingredients_version(catalog.ingredients))
    repo.put_recipes_bulk([(r, summarize(r, by_id)) for r in catalog.recipes])
    return f"seeded {len(catalog.ingredients)} ingredients and {len(catalog.recipes)} recipes"


COMMANDS = {"bootstrap": bootstrap, "seed": seed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m chalicelib.ops")
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("--stage", default="local")
    args = parser.parse_args(argv)
    for key, value in stage_environment(args.stage).items():
        os.environ.setdefault(key, value)
    print(COMMANDS[args.command]())
    return 0


if __name__ == "__main__":
    sys.exit(main())
