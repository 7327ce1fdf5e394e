#!/usr/bin/env node
// Make sure a working mediasoup-worker binary is available for the installed
// mediasoup npm package. Run as the project's postinstall and by `.ci/run`
// (with --required).
//
// Why: mediasoup normally downloads a prebuilt worker in its own postinstall,
// and falls back to a pip/meson build that downloads all C++ dependencies from
// the internet. npm 11 does not run dependency install scripts unless approved
// (package.json "allowScripts" denies mediasoup's), and machines without
// internet can't do either. See scripts/mediasoup/ for the offline build.
//
// Order (first that works wins):
//   1. MEDIASOUP_WORKER_BIN points to an existing file, or the default binary
//      node_modules/mediasoup/worker/out/Release/mediasoup-worker exists and runs
//      -> nothing to do.
//   2. A binary built earlier on this machine is in the cache
//      ${XDG_CACHE_HOME:-$HOME/.cache}/balai/mediasoup-worker/<key>/mediasoup-worker
//      (key = mediasoup version, patch checksum, Debian library versions)
//      -> copy it to the default path.
//   3. Download mediasoup's own prebuilt worker from GitHub releases (quick
//      timeouts; no fallback to mediasoup's pip-based source build).
//   4. On Debian/Ubuntu: build from the installed npm package against the
//      system libraries (scripts/mediasoup/build-worker.sh, ~7 minutes on 2
//      cores), store it in the cache and install it at the default path.
//   5. Otherwise: loud warning and exit 0, so `npm install` works where media
//      is not needed; with --required exit 1.
//
// Options / environment:
//   --required                    exit 1 when no working worker could be provided
//   --rebuild                     ignore existing/cached/prebuilt binaries and build from source
//   --verbose                     stream the full compiler output
//   BALAI_SKIP_MEDIASOUP_WORKER=1 do nothing at all
//   MEDIASOUP_WORKER_BIN          use this binary (mediasoup honours it at run time too)
//   MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD=1   skip step 3
//   MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL alternative release base URL for step 3
//
// Plain Node ESM, no dependencies.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const TAG = '[mediasoup-worker]';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const MEDIASOUP_SCRIPTS_DIR = path.join(HERE, 'mediasoup');
const BUILD_SCRIPT = path.join(MEDIASOUP_SCRIPTS_DIR, 'build-worker.sh');
const IS_WINDOWS = process.platform === 'win32';
const BIN_NAME = IS_WINDOWS ? 'mediasoup-worker.exe' : 'mediasoup-worker';

const ARGS = new Set(process.argv.slice(2));
const REQUIRED = ARGS.has('--required');
const REBUILD = ARGS.has('--rebuild');
const VERBOSE = ARGS.has('--verbose') || isTruthy(process.env.BALAI_MEDIASOUP_VERBOSE);

// Debian build dependencies and the runtime libraries the built worker links to.
const APT_BUILD_DEPS = [
	'g++', 'make', 'patch', 'pkg-config', 'meson', 'ninja-build', 'libuv1-dev', 'libssl-dev',
	'libsrtp2-dev', 'libabsl-dev', 'libflatbuffers-dev', 'flatbuffers-compiler',
];
// Runtime library packages that go into the cache key. Alternatives cover
// Ubuntu's t64 renames; the first installed one is used.
const RUNTIME_LIBS = [
	['libuv1', 'libuv1t64'],
	['libssl3', 'libssl3t64'],
	['libsrtp2-1'],
	['libabsl20220623', 'libabsl20230802', 'libabsl20240722', 'libabsl20240116'],
];

const CONNECT_TIMEOUT_MS = 15_000; // until response headers
const DOWNLOAD_TIMEOUT_MS = 180_000; // whole prebuilt download
const WORKER_CHECK_TIMEOUT_MS = 15_000;
const LOCK_WAIT_MS = 30 * 60_000;
const LOCK_STALE_MS = 60 * 60_000;

const t0 = Date.now();

function isTruthy(v) {
	return !!v && !['0', 'false', 'no', 'off'].includes(String(v).toLowerCase());
}
function log(...a) {
	console.log(TAG, ...a);
}
function warn(...a) {
	console.warn(TAG, 'WARNING:', ...a);
}
function elapsed(since = t0) {
	const s = (Date.now() - since) / 1000;
	return s < 60 ? `${s.toFixed(1)}s` : `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
function run(cmd, args, opts = {}) {
	return spawnSync(cmd, args, { encoding: 'utf8', ...opts });
}
function haveCommand(cmd) {
	const r = run('sh', ['-c', `command -v ${cmd}`], { stdio: ['ignore', 'pipe', 'ignore'] });
	return r.status === 0;
}

class Failure extends Error {}

// ---------------------------------------------------------------- mediasoup

function findMediasoup() {
	let dir;
	try {
		const require = createRequire(path.join(ROOT, 'package.json'));
		// mediasoup's "exports" does not expose package.json; resolve the main
		// entry and walk up to the package root.
		dir = path.dirname(require.resolve('mediasoup'));
	} catch {
		const guess = path.join(ROOT, 'node_modules', 'mediasoup');
		if (!fs.existsSync(path.join(guess, 'package.json'))) return null;
		dir = guess;
	}
	for (;;) {
		const pj = path.join(dir, 'package.json');
		if (fs.existsSync(pj)) {
			try {
				const pkg = JSON.parse(fs.readFileSync(pj, 'utf8'));
				if (pkg.name === 'mediasoup') return { dir, pkg, version: pkg.version };
			} catch {}
		}
		const up = path.dirname(dir);
		if (up === dir) return null;
		dir = up;
	}
}

// ------------------------------------------------------------ worker check

// A worker "runs" if it is an executable file, all its shared libraries
// resolve, and started without MEDIASOUP_VERSION it exits with code 41 (its
// documented "missing MEDIASOUP_VERSION" exit, see worker/src/main.cpp).
function checkWorker(bin) {
	let st;
	try {
		st = fs.statSync(bin);
	} catch {
		return { ok: false, reason: 'does not exist' };
	}
	if (!st.isFile()) return { ok: false, reason: 'is not a file' };
	if (!IS_WINDOWS) {
		try {
			fs.accessSync(bin, fs.constants.X_OK);
		} catch {
			return { ok: false, reason: 'is not executable' };
		}
	}
	if (process.platform === 'linux' && haveCommand('ldd')) {
		const r = run('ldd', [bin], { stdio: ['ignore', 'pipe', 'pipe'] });
		const out = `${r.stdout || ''}${r.stderr || ''}`;
		const missing = out.split('\n').filter((l) => /not found/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
		if (missing.length) return { ok: false, reason: `missing shared libraries: ${missing.join(', ')}` };
	}
	const r = run(bin, [], { env: {}, stdio: 'ignore', timeout: WORKER_CHECK_TIMEOUT_MS });
	if (r.error) return { ok: false, reason: `cannot be started: ${r.error.message}` };
	if (r.status !== 41) {
		return { ok: false, reason: `does not run on this host (exit ${r.status ?? 'signal ' + r.signal}, expected 41)` };
	}
	return { ok: true };
}

function installBinary(src, dest) {
	fs.mkdirSync(path.dirname(dest), { recursive: true });
	const tmp = `${dest}.tmp-${process.pid}`;
	fs.copyFileSync(src, tmp);
	fs.chmodSync(tmp, 0o755);
	fs.renameSync(tmp, dest);
}

// ------------------------------------------------------------------- system

function readOsRelease() {
	for (const f of ['/etc/os-release', '/usr/lib/os-release']) {
		try {
			const info = {};
			for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
				const m = line.match(/^([A-Z_]+)=(.*)$/);
				if (m) info[m[1]] = m[2].replace(/^["']|["']$/g, '');
			}
			return info;
		} catch {}
	}
	return null;
}

function isDebianLike(osr) {
	if (!osr) return false;
	const ids = [osr.ID, ...(osr.ID_LIKE || '').split(/\s+/)].filter(Boolean);
	return ids.some((id) => id === 'debian' || id === 'ubuntu');
}

function dpkgVersion(pkg) {
	const r = run('dpkg-query', ['-W', '-f=${db:Status-Abbrev}|${Version}', pkg], { stdio: ['ignore', 'pipe', 'ignore'] });
	if (r.status !== 0 || !r.stdout) return null;
	const [status, version] = r.stdout.split('|');
	return status.startsWith('ii') && version ? version : null;
}

function runtimeLibVersions() {
	if (!haveCommand('dpkg-query')) return null;
	return RUNTIME_LIBS.map((alts) => {
		for (const name of alts) {
			const version = dpkgVersion(name);
			if (version) return { name, version };
		}
		return { name: alts[0], version: 'none' };
	});
}

function patchPathFor(version) {
	const p = path.join(MEDIASOUP_SCRIPTS_DIR, `mediasoup-${version}-debian-bookworm.patch`);
	return fs.existsSync(p) ? p : null;
}

function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(process.env.HOME || os.homedir(), '.cache');
	return path.join(base, 'balai', 'mediasoup-worker');
}

function cacheKey(msVersion, patchPath) {
	const libs = runtimeLibVersions();
	if (!libs || !patchPath) return null;
	const patchSha = createHash('sha256').update(fs.readFileSync(patchPath)).digest('hex').slice(0, 12);
	const clean = (s) => s.replace(/[^A-Za-z0-9.+~-]/g, '_');
	const key = [`mediasoup-${msVersion}`, `patch-${patchSha}`, ...libs.map((l) => `${l.name}_${clean(l.version)}`)].join('_');
	return { key, patchSha, libs };
}

// -------------------------------------------------------------------- lock

// Serialises concurrent runs (e.g. two `npm install`s) on the same cache key
// so the ~7 minute build happens once. Best effort: without a writable cache
// we just go ahead.
async function withLock(dir, fn) {
	const lockDir = `${dir}.lock`;
	try {
		fs.mkdirSync(path.dirname(lockDir), { recursive: true });
	} catch {
		return fn();
	}
	const started = Date.now();
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') return fn();
			let pid = 0;
			try {
				pid = Number(fs.readFileSync(path.join(lockDir, 'pid'), 'utf8'));
			} catch {}
			let alive = false;
			if (pid) {
				try {
					process.kill(pid, 0);
					alive = true;
				} catch (err) {
					alive = err.code === 'EPERM';
				}
			}
			let age = 0;
			try {
				age = Date.now() - fs.statSync(lockDir).mtimeMs;
			} catch {}
			// pid 0: the holder has created the directory but not yet written its pid.
			if (!pid && age < 30_000) alive = true;
			if (!alive || age > LOCK_STALE_MS) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > LOCK_WAIT_MS) {
				warn(`gave up waiting for ${lockDir} (held by pid ${pid}); continuing without the lock`);
				return fn();
			}
			if (!announced) {
				log(`another process (pid ${pid}) is providing this worker, waiting for it...`);
				announced = true;
			}
			await new Promise((r) => setTimeout(r, 3000));
		}
	}
	const release = () => fs.rmSync(lockDir, { recursive: true, force: true });
	const onSignal = (sig) => {
		release();
		process.exit(sig === 'SIGINT' ? 130 : 143);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await fn();
	} finally {
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
		release();
	}
}

// ------------------------------------------------------------ step 2: cache

function tryCache(cache, defaultBin) {
	if (!cache) return false;
	const cached = path.join(cacheRoot(), cache.key, BIN_NAME);
	if (!fs.existsSync(cached)) {
		log(`no cached worker at ${cached}`);
		return false;
	}
	const c = checkWorker(cached);
	if (!c.ok) {
		warn(`cached worker ${cached} ${c.reason}; ignoring it`);
		return false;
	}
	installBinary(cached, defaultBin);
	const d = checkWorker(defaultBin);
	if (!d.ok) throw new Failure(`copied cached worker to ${defaultBin} but it ${d.reason}`);
	log(`installed cached worker ${cached} -> ${defaultBin} (${elapsed()})`);
	return true;
}

function storeInCache(cache, bin) {
	if (!cache) return;
	const dir = path.join(cacheRoot(), cache.key);
	try {
		fs.mkdirSync(dir, { recursive: true });
		const dest = path.join(dir, BIN_NAME);
		installBinary(bin, dest);
		const sha = createHash('sha256').update(fs.readFileSync(dest)).digest('hex');
		const osr = readOsRelease();
		fs.writeFileSync(
			path.join(dir, 'manifest.json'),
			`${JSON.stringify(
				{
					mediasoup: cache.msVersion,
					patchSha256: cache.patchSha,
					libs: cache.libs,
					os: osr?.PRETTY_NAME,
					arch: process.arch,
					binarySha256: sha,
					builtAt: new Date().toISOString(),
				},
				null,
				2,
			)}\n`,
		);
		log(`cached at ${dest}`);
	} catch (e) {
		warn(`could not write the cache (${e.message}); the worker is installed but will be rebuilt next time`);
	}
}

// ----------------------------------------------------- step 3: prebuilt

// Same URL and tar name rule as mediasoup's npm-scripts.mjs
// (getWorkerPrebuildTarName / downloadPrebuiltWorker). We don't run
// `npm-scripts.mjs postinstall` itself because on any download failure it
// falls back to building from source via pip + meson subprojects, which needs
// the internet and takes many minutes. The tarball contains the bare binary.
function prebuiltTarName(version) {
	let name = `mediasoup-worker-${version}-${os.platform()}-${os.arch()}`;
	if (os.platform() === 'linux') name += `-kernel${Number(os.release().split('.')[0])}`;
	return `${name}.tgz`;
}

async function tryPrebuilt(ms, defaultBin) {
	if (isTruthy(process.env.MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD)) {
		log('MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD is set, not downloading a prebuilt worker');
		return false;
	}
	if (!haveCommand('tar')) {
		log('no `tar` command, not trying the prebuilt download');
		return false;
	}
	const repoUrl = String(ms.pkg.repository?.url || 'https://github.com/versatica/mediasoup')
		.replace(/^git\+/, '')
		.replace(/\.git$/, '');
	const base = process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL || `${repoUrl}/releases/download`;
	const url = `${base}/${ms.version}/${prebuiltTarName(ms.version)}`;
	const started = Date.now();
	log(`trying mediasoup's prebuilt worker: ${url}`);

	const ctrl = new AbortController();
	const connectTimer = setTimeout(() => ctrl.abort(new Error(`no response within ${CONNECT_TIMEOUT_MS / 1000}s`)), CONNECT_TIMEOUT_MS);
	const totalTimer = setTimeout(() => ctrl.abort(new Error(`download not finished within ${DOWNLOAD_TIMEOUT_MS / 1000}s`)), DOWNLOAD_TIMEOUT_MS);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mediasoup-prebuilt-'));
	try {
		let res;
		try {
			res = await fetch(url, { signal: ctrl.signal, redirect: 'follow' });
		} finally {
			clearTimeout(connectTimer);
		}
		if (!res.ok) {
			log(`prebuilt download not available: HTTP ${res.status} (${elapsed(started)})`);
			return false;
		}
		const tgz = path.join(tmp, 'worker.tgz');
		fs.writeFileSync(tgz, Buffer.from(await res.arrayBuffer()));
		const x = run('tar', ['-xzf', tgz, '-C', tmp], { stdio: ['ignore', 'pipe', 'pipe'] });
		const extracted = path.join(tmp, BIN_NAME);
		if (x.status !== 0 || !fs.existsSync(extracted)) {
			warn(`could not extract ${BIN_NAME} from the prebuilt tarball: ${(x.stderr || '').trim()}`);
			return false;
		}
		fs.chmodSync(extracted, 0o755);
		const c = checkWorker(extracted);
		if (!c.ok) {
			log(`prebuilt worker ${c.reason}; not using it`);
			return false;
		}
		installBinary(extracted, defaultBin);
		log(`installed mediasoup's prebuilt worker at ${defaultBin} (${elapsed(started)})`);
		return true;
	} catch (e) {
		const cause = e?.cause?.code || e?.cause?.message || '';
		log(`prebuilt download failed: ${e?.message || e}${cause ? ` (${cause})` : ''} (${elapsed(started)})`);
		return false;
	} finally {
		clearTimeout(connectTimer);
		clearTimeout(totalTimer);
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

// ------------------------------------------------------- step 4: build

function ensureAptDeps() {
	const missing = APT_BUILD_DEPS.filter((p) => !dpkgVersion(p));
	if (!missing.length) return;
	const cmd = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		throw new Failure(
			`building mediasoup-worker needs these Debian packages, which are missing: ${missing.join(' ')}\n` +
				`${TAG} install them and run this again:\n\n` +
				`    sudo apt-get update && sudo ${cmd}\n` +
				`    node scripts/ensure-mediasoup-worker.mjs\n`,
		);
	}
	log(`installing missing build dependencies: ${missing.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let r = run('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	if (r.status !== 0) warn('apt-get update failed; trying the install anyway');
	r = run('sh', ['-c', cmd], { stdio: 'inherit', env });
	if (r.status !== 0) throw new Failure(`\`${cmd}\` failed (exit ${r.status})`);
	const still = APT_BUILD_DEPS.filter((p) => !dpkgVersion(p));
	if (still.length) throw new Failure(`still missing after apt-get install: ${still.join(' ')}`);
}

function runBuild(ms, patchPath, outBin) {
	const logFile = path.join(os.tmpdir(), `mediasoup-worker-build-${process.pid}.log`);
	const logStream = fs.createWriteStream(logFile);
	const started = Date.now();
	let lastProgress = '';
	let tail = [];
	return new Promise((resolve, reject) => {
		const child = spawn('bash', [BUILD_SCRIPT], {
			cwd: ROOT,
			env: { ...process.env, MS_DIR: ms.dir, PATCH: patchPath, OUT: outBin },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const onData = (chunk) => {
			logStream.write(chunk);
			const text = chunk.toString();
			if (VERBOSE) process.stdout.write(text);
			for (const line of text.split(/\r?\n/)) {
				if (!line) continue;
				tail.push(line);
				if (tail.length > 80) tail = tail.slice(-60);
				const m = line.match(/^\[(\d+)\/(\d+)\]/);
				if (m) lastProgress = `${m[1]}/${m[2]}`;
				if (!VERBOSE && line.startsWith('==> ')) log(line.slice(4));
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const ticker = VERBOSE
			? null
			: setInterval(() => log(`  ...still building (${elapsed(started)} elapsed${lastProgress ? `, ninja step ${lastProgress}` : ''})`), 30_000);
		child.on('error', (e) => {
			if (ticker) clearInterval(ticker);
			logStream.end();
			reject(new Failure(`could not start the build: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			if (ticker) clearInterval(ticker);
			logStream.end();
			if (code === 0) {
				fs.rmSync(logFile, { force: true });
				return resolve(Date.now() - started);
			}
			if (!VERBOSE) {
				console.error(`${TAG} ----- last lines of the build log -----`);
				console.error(tail.slice(-40).join('\n'));
				console.error(`${TAG} ----- full log: ${logFile} -----`);
			}
			reject(new Failure(`building mediasoup-worker failed (exit ${code ?? signal}); full log: ${logFile}`));
		});
	});
}

async function buildFromSource(ms, defaultBin, cache) {
	const osr = readOsRelease();
	if (process.platform !== 'linux' || !isDebianLike(osr)) {
		throw new Failure(
			`no prebuilt mediasoup-worker could be downloaded, and building it offline is only supported on Debian/Ubuntu ` +
				`(this is ${osr?.PRETTY_NAME || process.platform} ${process.arch}).\n` +
				`${TAG} options: give this machine internet access and rerun, set MEDIASOUP_WORKER_BIN to a worker binary, ` +
				`or build it with mediasoup's own toolchain (cd node_modules/mediasoup && MEDIASOUP_SKIP_WORKER_PREBUILT_DOWNLOAD=1 node npm-scripts.mjs postinstall).`,
		);
	}
	const patchPath = patchPathFor(ms.version);
	if (!patchPath) {
		throw new Failure(
			`mediasoup ${ms.version} is installed but scripts/mediasoup/ only has an offline-build patch for another version ` +
				`(the project pins mediasoup 3.19.3; run \`npm install\` to get the pinned version).`,
		);
	}
	if (!haveCommand('bash')) throw new Failure('bash is needed to build mediasoup-worker');

	ensureAptDeps();

	console.log('');
	log(`building mediasoup-worker ${ms.version} from source against ${osr.PRETTY_NAME} libraries, this takes ~7 minutes (2 cores)...`);
	log(`(patch: ${path.relative(ROOT, patchPath)}; set BALAI_SKIP_MEDIASOUP_WORKER=1 to skip, --verbose for compiler output)`);
	const buildOut = path.join(os.tmpdir(), `mediasoup-worker-${process.pid}`);
	try {
		const buildMs = await runBuild(ms, patchPath, buildOut);
		const c = checkWorker(buildOut);
		if (!c.ok) throw new Failure(`the freshly built worker ${c.reason}`);
		log(`build finished in ${elapsed(Date.now() - buildMs)}`);
		// Key recomputed: apt may just have installed/upgraded the libraries.
		const key = cacheKey(ms.version, patchPath);
		storeInCache(key && { ...key, msVersion: ms.version }, buildOut);
		installBinary(buildOut, defaultBin);
	} finally {
		fs.rmSync(buildOut, { force: true });
	}
	const d = checkWorker(defaultBin);
	if (!d.ok) throw new Failure(`installed worker at ${defaultBin} but it ${d.reason}`);
	log(`installed mediasoup-worker at ${defaultBin} (${elapsed()} total)`);
	return true;
}

// --------------------------------------------------------------------- main

async function main() {
	if (isTruthy(process.env.BALAI_SKIP_MEDIASOUP_WORKER)) {
		log('BALAI_SKIP_MEDIASOUP_WORKER is set, skipping');
		return true;
	}

	const ms = findMediasoup();
	if (!ms) throw new Failure('the mediasoup package is not installed (run `npm install` first)');
	const defaultBin = path.join(ms.dir, 'worker', 'out', 'Release', BIN_NAME);

	// Step 1: already there.
	const envBin = process.env.MEDIASOUP_WORKER_BIN;
	if (envBin && !REBUILD) {
		if (fs.existsSync(envBin)) {
			log(`MEDIASOUP_WORKER_BIN=${envBin} exists, nothing to do`);
			return true;
		}
		warn(`MEDIASOUP_WORKER_BIN=${envBin} does not exist; mediasoup will fail to start workers until it is fixed or unset`);
	}
	if (!REBUILD) {
		const c = checkWorker(defaultBin);
		if (c.ok) {
			log(`mediasoup-worker ${ms.version} already present and working at ${path.relative(ROOT, defaultBin)} (${elapsed()})`);
			return !(envBin && !fs.existsSync(envBin));
		}
		if (c.reason !== 'does not exist') log(`existing ${defaultBin} ${c.reason}; replacing it`);
	}

	const patchPath = patchPathFor(ms.version);
	const key = cacheKey(ms.version, patchPath);
	const cache = key && { ...key, msVersion: ms.version };
	const lockTarget = cache ? path.join(cacheRoot(), cache.key) : path.join(os.tmpdir(), `balai-mediasoup-worker-${ms.version}`);

	const ok = await withLock(lockTarget, async () => {
		// Step 2: cache (also covers "another process just built it").
		if (!REBUILD && tryCache(cache, defaultBin)) return true;
		// Step 3: mediasoup's prebuilt binary.
		if (!REBUILD && (await tryPrebuilt(ms, defaultBin))) return true;
		// Step 4: build from source (Debian/Ubuntu).
		return buildFromSource(ms, defaultBin, cache);
	});
	if (ok && envBin && !fs.existsSync(envBin)) {
		warn(`a worker is installed at ${defaultBin}, but MEDIASOUP_WORKER_BIN=${envBin} overrides it; unset MEDIASOUP_WORKER_BIN`);
		return false;
	}
	return ok;
}

function loudWarning(message) {
	const bar = '!'.repeat(78);
	console.warn(`\n${bar}\n${TAG} NO WORKING mediasoup-worker IS INSTALLED.\n${TAG} ${message}\n` +
		`${TAG} Live sessions/breakout rooms (WebRTC media) will not work until this is fixed:\n` +
		`${TAG} fix the problem above and run \`node scripts/ensure-mediasoup-worker.mjs\`.\n` +
		`${TAG} (npm install continues; run with --required to make this an error.)\n${bar}\n`);
}

main().then(
	(ok) => {
		if (ok) process.exit(0);
		if (REQUIRED) {
			console.error(`${TAG} ERROR: no working mediasoup-worker (--required)`);
			process.exit(1);
		}
		loudWarning('See the messages above.');
		process.exit(0);
	},
	(e) => {
		const msg = e instanceof Failure ? e.message : (e?.stack || String(e));
		if (REQUIRED) {
			console.error(`${TAG} ERROR: ${msg}`);
			process.exit(1);
		}
		loudWarning(msg);
		process.exit(0);
	},
);
