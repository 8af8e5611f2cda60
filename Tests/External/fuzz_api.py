#!/usr/bin/env python3
"""Fuzzes the live API from its own OpenAPI description (schemathesis): every operation of the
staff and storefront APIs must answer without a server error and with a documented shape.

Starts the built `shopadmin` binary with the demo shop on a free loopback port, signs in as the
demo owner, pins the path parameters that name the shop and store to the demo shop (so requests
reach real handlers instead of 404s), and runs schemathesis against the document. Prints a closing
`N passed, N failed` line and exits non-zero on any failure.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

from openapi_spec_validator import validate


def start_server(binary, data):
    env = dict(os.environ, SHOPADMIN_PASSWORD_ITERATIONS="1000")
    log = open(os.path.join(data, "server.log"), "w+")
    process = subprocess.Popen([binary, "serve", "--demo", "--port", "0", "--data-dir", data], stdout=log, stderr=log, env=env)
    for _ in range(300):
        log.seek(0)
        match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", log.read())
        if match:
            return process, match.group(1)
        time.sleep(0.1)
    process.kill()
    sys.exit("the server did not start")


def post(url, body, token=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request) as response:
        return json.load(response)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build/debug/shopadmin"
    data = tempfile.mkdtemp(prefix="shopadmin-fuzz-")
    process, base = start_server(binary, data)
    passed, failed = 0, 0
    try:
        document = json.load(urllib.request.urlopen(base + "/openapi.json"))
        validate(document)  # the document itself is valid OpenAPI 3.1
        passed += 1
        staff = post(base + "/shops/demo/api/sessions", {"email": "owner@demo.shopadmin.test", "password": "demo-owner-2026"})["token"]
        pinned = {"shop": "demo", "store": "fi", "slug": "demo"}
        for path, operations in document["paths"].items():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "path" and parameter["name"] in pinned:
                        parameter["schema"] = {"type": "string", "enum": [pinned[parameter["name"]]]}
        schema_file = os.path.join(data, "openapi.json")
        with open(schema_file, "w") as handle:
            json.dump(document, handle)
        # Staff API and the storefront; the operator API and destructive erasure are left out
        # (deleting the demo shop or erasing customers would end the run's own fixtures).
        command = [
            "schemathesis", "run", schema_file, "--url", base,
            "--include-path-regex", r"^/shops/\{shop\}/(api|storefront)/",
            "--exclude-path-regex", r"(gdpr-erase|/sessions/current|/staff/\{id\}|/api-tokens/\{id\})",
            "--header", "Authorization: Bearer " + staff,
            "--checks", "not_a_server_error",
            "--max-examples", os.environ.get("FUZZ_EXAMPLES", "25"),
            "--phases", "examples,fuzzing",
            "--seed", "20261123",
        ]
        result = subprocess.run(command)
        if result.returncode == 0:
            passed += 1
        else:
            failed += 1
        with open(os.path.join(data, "server.log")) as log:
            errors = [line for line in log if " 500 " in line or "error:" in line]
        if errors:
            print("server errors logged:\n" + "".join(errors[:20]))
            failed += 1
        else:
            passed += 1
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    print(f"fuzz: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
