#!/usr/bin/env bash
# `npm run setup`: what a fresh Debian 12 machine needs for `npm start` and `npm test`: the Debian
# packages the e2e suites drive (through apt-get, as root or with sudo), then the npm packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi

export DEBIAN_FRONTEND=noninteractive

# Debian packages the tests need:
#   chromium, firefox-esr   real browsers (e2e: Playwright and puppeteer drive /usr/bin/chromium, /usr/bin/firefox-esr)
#   squid                   authenticating HTTP proxy (with /usr/lib/squid/basic_ncsa_auth)
#   apache2-utils           htpasswd, for squid's password file
#   microsocks              SOCKS5 proxy with a login (Firefox SOCKS tests)
#   openssl                 the target server's self-signed certificate
#   fonts-liberation        a real font for the browsers (only a Recommends of chromium)
#   fonts-noto-cjk          Chinese, Japanese and Korean text (remarks, order titles) in screenshots
#   ca-certificates         TLS to the npm registry
#   unzip                   the sources-rebuild test unpacks the store zips
packages=(chromium firefox-esr fonts-liberation fonts-noto-cjk squid apache2-utils microsocks openssl ca-certificates unzip)

# Installing squid (and microsocks) would start system daemons, squid on port 3128. The tests start
# their own on random ports and need none: forbid service starts during the install.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
  $sudo chmod +x "$policy"
  created_policy=true
fi
cleanup() { if [[ $created_policy == true ]]; then $sudo rm -f "$policy"; fi; }
trap cleanup EXIT

$sudo apt-get update
$sudo apt-get install -y --no-install-recommends "${packages[@]}" </dev/null

# If a squid daemon runs anyway (e.g. installed before), stop it; nothing depends on it either way.
if command -v service >/dev/null && service squid status >/dev/null 2>&1; then
  $sudo service squid stop || true
fi

node --version
npm ci
