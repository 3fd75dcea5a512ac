#!/usr/bin/env python3
"""Checks the shipped JSON Schema against the shipped designs (all must pass) and the
deliberately invalid designs in tests/data/invalid (all must fail)."""
import json
import pathlib
import sys

import jsonschema

schema_path, good_dir, bad_dir = map(pathlib.Path, sys.argv[1:4])
schema = json.loads(schema_path.read_text())
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

failures = 0
good = sorted(good_dir.rglob("*.hld.json"))
bad = sorted(bad_dir.glob("*.hld.json"))
for path in good:
    errors = list(validator.iter_errors(json.loads(path.read_text())))
    if errors:
        failures += 1
        print(f"FAIL {path}: {errors[0].json_path}: {errors[0].message}")
for path in bad:
    try:
        doc = json.loads(path.read_text())
    except json.JSONDecodeError:
        continue  # malformed JSON: nothing for a schema to say
    if validator.is_valid(doc):
        failures += 1
        print(f"FAIL {path}: the schema accepts a design the loader refuses")
print(f"{len(good) + len(bad) - failures} passed, {failures} failed")
if not good or not bad:
    print("no designs found")
    sys.exit(1)
sys.exit(1 if failures else 0)
