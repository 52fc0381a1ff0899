"""Transforms template.yaml with aws-sam-translator, as `sam deploy` would, and writes the result.

Usage: python3 sam_transform.py TEMPLATE OUTPUT.json
Each function's local CodeUri is replaced by an s3:// address first: the translator refuses local paths.
Exit 3 when aws-sam-translator is not installed (the Java test then skips).
"""
import json
import os
import sys

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
except ImportError:
    sys.exit(3)

os.environ.setdefault("AWS_DEFAULT_REGION", "ap-southeast-3")
with open(sys.argv[1], encoding="utf-8") as f:
    template = yaml_parse(f.read())
for name, resource in template.get("Resources", {}).items():
    if resource.get("Type") == "AWS::Serverless::Function":
        resource["Properties"]["CodeUri"] = "s3://deployment-bucket/" + name + ".jar"
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(transform(template, {}, None), f, indent=1, default=str)
