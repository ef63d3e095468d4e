# Sourced (POSIX sh) by ./hardnet, ./mvnw and .ci/run: points JAVA_HOME at a JDK 21 or newer.
# JAVA_HOME wins when it is new enough; otherwise the newest JDK (with javac) found on PATH or
# in the usual JVM folders. Prints one clear line and returns 1 when none exists.

hardnet_jdk_version() { # $1 = a JDK home; prints its feature version (17, 21, 25...) or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  _hv=""
  [ -f "$1/release" ] && _hv=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" | head -n 1)
  [ -n "$_hv" ] || _hv=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1)
  [ "$_hv" = "1" ] && _hv=8
  printf '%s' "$_hv"
}

hardnet_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    _hv=$(hardnet_jdk_version "$JAVA_HOME")
    if [ -n "$_hv" ] && [ "$_hv" -ge 21 ]; then export JAVA_HOME; return 0; fi
  fi
  _hbest="" _hbest_v=0 _hpath=""
  if _hpath=$(command -v java 2>/dev/null); then
    _hpath=$(readlink -f "$_hpath" 2>/dev/null || printf '%s' "$_hpath")
    _hpath=$(dirname "$(dirname "$_hpath")")
  fi
  for _hc in "$_hpath" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$_hc" ] && [ -d "$_hc" ] || continue
    _hv=$(hardnet_jdk_version "$_hc")
    if [ -n "$_hv" ] && [ "$_hv" -ge 21 ] && [ "$_hv" -gt "$_hbest_v" ]; then _hbest=$_hc; _hbest_v=$_hv; fi
  done
  if [ -z "$_hbest" ]; then
    echo "hardnet-zoo needs a JDK 21 or newer (java and javac); none found in JAVA_HOME, on PATH or in the usual JVM folders. Install one (e.g. 'apt-get install openjdk-21-jdk') or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$_hbest
  PATH="$JAVA_HOME/bin:$PATH"
  export JAVA_HOME PATH
}
