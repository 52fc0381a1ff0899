#!/usr/bin/env bash
# Publishes the staff console to a deployed stack (template.yaml): reads the stack's outputs, writes the
# console's config.json for AWS (the API, the hosted sign-in, the console's app client), uploads the built
# site to the console bucket and has CloudFront drop its copies of index.html and config.json.
#
#   bash console/deploy.sh <stack-name>
#
# Needs the AWS CLI (v1 or v2) with credentials for the stack's account and region (AWS_PROFILE, AWS_REGION
# as usual), and the built site in console/target/site/; build it from the repository root with
#   mvn -B -ntp -q package -DskipTests -pl console -am
set -euo pipefail

if [[ $# -ne 1 || -z "$1" || "$1" == -* ]]; then
  echo "usage: bash console/deploy.sh <stack-name>" >&2
  exit 2
fi
STACK=$1
CONSOLE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SITE="$CONSOLE_DIR/target/site"

if [[ ! -f "$SITE/index.html" ]]; then
  echo "No built console in $SITE (index.html is missing). Build it first, from the repository root:" >&2
  echo "  mvn -B -ntp -q package -DskipTests -pl console -am" >&2
  exit 1
fi
if ! command -v aws >/dev/null 2>&1; then
  echo "The AWS CLI (aws) is not installed or not on the PATH." >&2
  exit 1
fi

export AWS_PAGER=''   # AWS CLI v2: print, never page

# index.html and config.json are read again on every visit (revalidated by ETag); they name everything else.
ENTRY_CACHE='no-cache'
# Everything else may be kept five minutes, by browsers and by CloudFront: file names carry no version, so
# a release reaches every browser within five minutes without invalidating each file.
ASSET_CACHE='public, max-age=300'
# Content types set explicitly: the console is served with X-Content-Type-Options: nosniff, so a script or
# style sheet with a guessed, wrong type would not run. Other files keep the type the CLI guesses.
TYPES=(
  'js=text/javascript; charset=utf-8'
  'mjs=text/javascript; charset=utf-8'
  'css=text/css; charset=utf-8'
  'json=application/json; charset=utf-8'
  'map=application/json; charset=utf-8'
  'html=text/html; charset=utf-8'
  'svg=image/svg+xml'
  'woff2=font/woff2'
  'woff=font/woff'
)

# The stack's outputs, one "key<TAB>value" line each.
OUTPUTS=$(aws cloudformation describe-stacks --stack-name "$STACK" \
  --query 'Stacks[0].Outputs[].[OutputKey,OutputValue]' --output text)

output() {
  local key value
  while IFS=$'\t' read -r key value; do
    if [[ "$key" == "$1" ]]; then
      # Only URL and id characters: the value is written into config.json as it is.
      if [[ ! "$value" =~ ^[A-Za-z0-9._:/-]+$ ]]; then
        echo "Stack $STACK: output $1 has an unexpected value: $value" >&2
        return 1
      fi
      printf '%s' "$value"
      return 0
    fi
  done <<<"$OUTPUTS"
  echo "Stack $STACK has no output $1: deploy the current template.yaml first (sam build && sam deploy)." >&2
  return 1
}

API_URL=$(output ApiUrl)
CONSOLE_URL=$(output ConsoleUrl)
BUCKET=$(output ConsoleBucketName)
DISTRIBUTION=$(output ConsoleDistributionId)
SIGN_IN_DOMAIN=$(output StaffSignInDomain)
CLIENT_ID=$(output StaffConsoleClientId)
[[ "$API_URL" == */ ]] || API_URL="$API_URL/"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/console-deploy.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cp -R "$SITE/." "$WORK/"
cat >"$WORK/config.json" <<EOF
{
  "apiBaseUrl": "$API_URL",
  "auth": {
    "mode": "cognito",
    "domain": "$SIGN_IN_DOMAIN",
    "clientId": "$CLIENT_ID",
    "redirectUri": "$CONSOLE_URL",
    "scopes": ["openid", "email", "profile"]
  }
}
EOF

echo "Publishing $SITE to s3://$BUCKET (stack $STACK)"
# 1. Every file but the two entry files, so that the new index.html never names a file not yet uploaded.
OTHERS=(--exclude index.html --exclude config.json)
for entry in "${TYPES[@]}"; do
  extension=${entry%%=*}
  aws s3 sync "$WORK" "s3://$BUCKET" --only-show-errors --exclude '*' --include "*.$extension" \
    --exclude index.html --exclude config.json --content-type "${entry#*=}" --cache-control "$ASSET_CACHE"
  OTHERS+=(--exclude "*.$extension")
done
aws s3 sync "$WORK" "s3://$BUCKET" --only-show-errors "${OTHERS[@]}" --cache-control "$ASSET_CACHE"

# 2. The entry files.
aws s3 cp "$WORK/config.json" "s3://$BUCKET/config.json" --only-show-errors \
  --content-type 'application/json; charset=utf-8' --cache-control "$ENTRY_CACHE"
aws s3 cp "$WORK/index.html" "s3://$BUCKET/index.html" --only-show-errors \
  --content-type 'text/html; charset=utf-8' --cache-control "$ENTRY_CACHE"

# 3. Files of earlier releases that this one no longer has (all others are in the bucket now, same size).
aws s3 sync "$WORK" "s3://$BUCKET" --only-show-errors --delete --size-only \
  --exclude index.html --exclude config.json --cache-control "$ASSET_CACHE"

# 4. CloudFront forgets its copies of the entry files ("/" is cached apart from "/index.html").
INVALIDATION=$(aws cloudfront create-invalidation --distribution-id "$DISTRIBUTION" \
  --paths / /index.html /config.json --query Invalidation.Id --output text)
echo "CloudFront invalidation $INVALIDATION is under way (usually done within a minute or two)."

echo "The staff console: $CONSOLE_URL"
echo "Staff sign in at $SIGN_IN_DOMAIN (members of the dinsos-staff group, with their second factor)."
