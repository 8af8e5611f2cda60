# Installs the system packages ShopAdmin needs when they are missing (Debian).
# Sourced by Scripts/run and Scripts/test; extra packages may be passed as arguments.
ensure_packages() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing: ${missing[*]}"
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

ensure_swift() {
    if ! command -v swift >/dev/null 2>&1; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH="/opt/swift/usr/bin:$PATH"
        else
            echo "Swift 6 is needed: install it from swift.org and put it on PATH" >&2
            exit 1
        fi
    fi
}

# Installs Python modules for the test tools when missing: arguments are module:package pairs.
ensure_python_modules() {
    local missing=()
    for pair in "$@"; do
        python3 -c "import ${pair%%:*}" 2>/dev/null || missing+=("${pair##*:}")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "installing from PyPI: ${missing[*]}"
        python3 -m pip install --quiet --disable-pip-version-check "${missing[@]}" 2>/dev/null ||
            python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${missing[@]}"
    fi
}
