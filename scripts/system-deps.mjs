#!/usr/bin/env node
/**
 * Makes sure the Debian packages a test needs are installed, or fails saying how to install them.
 *
 *   node scripts/system-deps.mjs python3-django [more packages...]
 *   node scripts/system-deps.mjs --check python3-django    (never installs)
 *
 * Each package is checked by running a command (its entry in `packages` below). When some are
 * missing and this runs as root on a system with apt-get, it runs `apt-get update` once and
 * `apt-get install -y --no-install-recommends` for the missing ones, then checks again. Otherwise,
 * or when they are still missing, it prints the exact command to run and exits 1: a test that needs
 * a system package never skips silently.
 *
 * To support another package, add it to `packages` with a command that succeeds only when it works.
 */
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian package -> a command that exits 0 only when the package is usable. */
const packages = {
  // The Python client's tests use Debian's interpreter: it is the one that sees Debian's Django.
  "python3-django": { command: "/usr/bin/python3", args: ["-c", "import django"] },
  "python3-pyflakes": { command: "/usr/bin/python3", args: ["-m", "pyflakes", "--version"] },
  chromium: { command: "/usr/bin/chromium", args: ["--version"] },
};

/** Concurrent callers (turbo runs tasks in parallel) take turns at apt instead of failing on its lock. */
const LOCK_FILE = join(tmpdir(), "ogkit-system-deps.lock");
/** Waits for another process that holds dpkg's lock (an unattended upgrade) instead of failing. */
const APT_LOCK_TIMEOUT = ["-o", "DPkg::Lock::Timeout=600"];

function usage(message) {
  console.error(`system-deps: ${message}`);
  console.error("usage: node scripts/system-deps.mjs [--check] <debian-package>...");
  console.error(`known packages: ${Object.keys(packages).join(", ")}`);
  process.exit(2);
}

function isPresent(name) {
  const { command, args } = packages[name];
  const result = spawnSync(command, args, { stdio: "ignore", timeout: 60_000 });
  return result.status === 0;
}

function canRun(command) {
  return spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0;
}

/** Runs an apt-get command under an exclusive lock (flock) when flock exists; true when it succeeded. */
function aptGet(args) {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const command = ["apt-get", ...APT_LOCK_TIMEOUT, ...args];
  console.error(`system-deps: ${command.join(" ")}`);
  const result = canRun("flock")
    ? spawnSync("flock", ["--timeout", "900", LOCK_FILE, ...command], { stdio: "inherit", env })
    : spawnSync(command[0], command.slice(1), { stdio: "inherit", env });
  return result.status === 0;
}

function installCommand(names) {
  const sudo = process.getuid?.() === 0 ? "" : "sudo ";
  return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${names.join(" ")}`;
}

function main(argv) {
  const checkOnly = argv.includes("--check");
  const names = argv.filter((arg) => arg !== "--check");
  const flags = names.filter((arg) => arg.startsWith("-"));
  if (flags.length > 0) usage(`unknown option ${flags[0]}`);
  if (names.length === 0) usage("name at least one package");
  const unknown = names.filter((name) => !Object.hasOwn(packages, name));
  if (unknown.length > 0) {
    usage(`no check is known for ${unknown.join(", ")}; add one to the packages table in scripts/system-deps.mjs`);
  }

  let missing = names.filter((name) => !isPresent(name));
  if (missing.length === 0) {
    console.error(`system-deps: ${names.join(", ")} present`);
    return 0;
  }
  console.error(`system-deps: missing ${missing.join(", ")}`);

  const isRoot = process.getuid?.() === 0;
  if (!checkOnly && isRoot && canRun("apt-get")) {
    // Another caller may have installed them while this one waited for the lock; apt-get then no-ops.
    if (aptGet(["update"]) && aptGet(["install", "-y", "--no-install-recommends", ...missing])) {
      missing = missing.filter((name) => !isPresent(name));
      if (missing.length === 0) {
        console.error(`system-deps: installed ${names.join(", ")}`);
        return 0;
      }
    }
  }

  const why = checkOnly
    ? "--check was given"
    : !isRoot
      ? "not running as root"
      : !canRun("apt-get")
        ? "apt-get is not available (on another system, install the equivalent packages)"
        : "apt-get did not make them work";
  console.error(`system-deps: ${missing.join(", ")} still missing (${why}). Install with:`);
  console.error(`  ${installCommand(missing)}`);
  return 1;
}

process.exit(main(process.argv.slice(2)));
