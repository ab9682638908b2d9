// Checks the production image without a Docker engine, by reading the Dockerfile itself (so the
// check follows the file, and fails when a step it needs is taken out):
//  1. every stage before the last (the build) runs in a clean temporary directory standing for
//     its filesystem root: COPY takes what it names from this checkout (minus .dockerignore),
//     RUN runs with bash in the stage's WORKDIR, with only the stage's ENV and ARG values, PATH
//     and HOME (the npm cache in ~/.npm is reused);
//  2. the build must leave dist/web/index.html, dist/apps/api/src/main.js and the worker's main;
//  3. the last stage (the runtime) is laid out as its COPY lines say (from the build stage and
//     the checkout); its RUN lines are not run (they create directories and hand them to the
//     image's user, which needs root inside the image), but read: the image must run as a user
//     other than root, and every directory the app writes (ITA_DATA_DIR, EVIDENCE_DIR, and
//     docker-compose.yml's EVIDENCE_DIR) must be made and chowned to that user; devDependencies
//     must be pruned (no vite), and every command docker-compose.yml runs must exist;
//  4. the api is started from the runtime layout on a free port, with no database or Temporal
//     configured (its embedded defaults under ITA_DATA_DIR), as an unprivileged user when this
//     runs as root (nobody, standing for the image's user, owning only the data directory): it
//     must serve the web app at / and answer /api/health.
// apt-get: a RUN that calls apt-get installs system packages into the image and cleans up after
// itself (rm -rf /var/lib/apt/lists/*), which must not happen to this machine. It is not run:
// its packages must be installed here already (dpkg-query), or, when this runs as root, they
// are installed with apt-get (only the missing ones, never the step's own clean-up).
// Native modules: where Node's headers are installed (/usr/include/node), node-gyp is pointed at
// them (npm_config_nodedir, as scripts/lib.sh does), for machines that cannot download them.
//   node scripts/image-build-check.js [--keep]      (the temporary directory is kept with --keep)
//   node scripts/image-build-check.js --steps       (prints the stages and steps as read, runs nothing)
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const keep = process.argv.includes('--keep');
const log = (message) => process.stderr.write(`[ita] ${message}\n`);
const fail = (message) => {
  throw new Error(message);
};
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Logical Dockerfile lines: comments dropped, continuations joined, keyword and arguments split. */
function parseDockerfile(text) {
  const lines = [];
  let buffer = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    if (/^\s*#/.test(raw) || (!buffer && !raw.trim())) return;
    if (!buffer) start = i + 1;
    if (/\\\s*$/.test(raw)) {
      buffer += raw.replace(/\\\s*$/, ' ');
      return;
    }
    buffer += raw;
    lines.push({ line: start, text: buffer.trim() });
    buffer = '';
  });
  if (buffer.trim()) lines.push({ line: start, text: buffer.trim() });
  const stages = [];
  for (const { line, text: logical } of lines) {
    const [, word, args = ''] = /^(\S+)\s*([\s\S]*)$/.exec(logical);
    const keyword = word.toUpperCase();
    if (keyword === 'FROM') {
      const m =
        /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? fail(`Dockerfile:${line}: cannot read FROM ${args}`);
      stages.push({ image: m[1], name: m[2] ?? String(stages.length), steps: [] });
    } else if (!stages.length) {
      if (keyword !== 'ARG') fail(`Dockerfile:${line}: ${keyword} before the first FROM`);
    } else {
      stages[stages.length - 1].steps.push({ line, keyword, args });
    }
  }
  return stages;
}

/** Leading --flag=value options of COPY, and its sources and destination. */
function parseCopy(step) {
  const words = step.args.trim().startsWith('[') ? JSON.parse(step.args) : step.args.trim().split(/\s+/);
  const flags = {};
  while (words[0]?.startsWith('--')) {
    const [name, value = ''] = words.shift().slice(2).split('=');
    flags[name] = value;
  }
  if (words.length < 2) fail(`Dockerfile:${step.line}: COPY needs a source and a destination`);
  if (words.some((w) => /[*?[\]"']/.test(w)))
    fail(`Dockerfile:${step.line}: wildcards and quotes in COPY are not supported by this check`);
  return { flags, sources: words.slice(0, -1), dest: words[words.length - 1] };
}

/** ENV/ARG values, $VAR and ${VAR} expanded from the stage's environment. */
function parseAssignments(step, env) {
  const expand = (v) => v.replace(/^"(.*)"$/, '$1').replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => env[a ?? b] ?? '');
  const args = step.args.trim();
  if (!args.includes('=')) {
    const [name, ...rest] = args.split(/\s+/);
    return step.keyword === 'ARG' ? [[name, undefined]] : [[name, expand(rest.join(' '))]];
  }
  return args.split(/\s+/).map((pair) => {
    const i = pair.indexOf('=');
    return i < 0 ? [pair, undefined] : [pair.slice(0, i), expand(pair.slice(i + 1))];
  });
}

/** .dockerignore: patterns relative to the context root, `**` across directories, `!` exceptions, the last match wins. */
function dockerIgnore(file) {
  if (!fs.existsSync(file)) return () => false;
  const rules = fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = path.posix.normalize((negate ? l.slice(1) : l).replace(/^\/+/, ''));
      let re = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*' && pattern[i + 1] === '*') {
          re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
          i += pattern[i + 2] === '/' ? 2 : 1;
        } else if (c === '*') re += '[^/]*';
        else if (c === '?') re += '[^/]';
        else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return { negate, re: new RegExp(`^${re}(?:/.*)?$`) };
    });
  return (relative) => rules.reduce((ignored, r) => (r.re.test(relative) ? !r.negate : ignored), false);
}

/** Docker's COPY: a directory's contents go into the destination; a file goes into it (ending in / or several sources) or becomes it. */
function copyInto(from, sources, dest, several, filter) {
  for (const source of sources) {
    if (!fs.existsSync(source)) fail(`COPY: ${source} does not exist`);
    if (fs.statSync(source).isDirectory()) {
      fs.mkdirSync(dest, { recursive: true });
      if (from === 'context') fs.cpSync(source, dest, { recursive: true, filter, verbatimSymlinks: true });
      else run('cp', ['-al', `${source}/.`, dest]); // from another stage: hard links, the same files
    } else {
      const target = several || dest.endsWith('/') ? path.join(dest, path.basename(source)) : dest;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(source, target);
    }
  }
}

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (r.status !== 0) fail(`${command} ${args.join(' ').slice(0, 200)} exited with ${r.status ?? r.signal}`);
}

/** A RUN that calls apt-get: its packages, checked here rather than installed into this machine. */
function systemPackages(step) {
  const packages = [...step.args.matchAll(/apt-get\s+install\s+([^&;|]+)/g)]
    .flatMap((m) => m[1].trim().split(/\s+/))
    .filter((w) => !w.startsWith('-'));
  const missing = packages.filter(
    (p) =>
      !/install ok installed/.test(
        spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout ?? '',
      ),
  );
  if (!missing.length) {
    log(`Dockerfile:${step.line}: apt-get not run; its packages are installed here (${packages.join(' ')})`);
    return;
  }
  if (process.getuid?.() !== 0)
    fail(`Dockerfile:${step.line}: the build needs ${missing.join(' ')} (apt-get install them, or run this as root)`);
  log(`Dockerfile:${step.line}: installing the build's missing packages: ${missing.join(' ')}`);
  run('bash', [
    '-c',
    `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${missing.join(' ')}`,
  ]);
}

/** Runs one build stage in its own root; returns where its WORKDIR ended up and its environment. */
function buildStage(stage, roots, ignored, globalArgs) {
  const root = roots[stage.name];
  const env = { ...globalArgs };
  let workdir = '/';
  for (const step of stage.steps) {
    const started = Date.now();
    switch (step.keyword) {
      case 'WORKDIR':
        workdir = path.posix.resolve(workdir, step.args.trim());
        fs.mkdirSync(path.join(root, workdir), { recursive: true });
        continue;
      case 'ENV':
      case 'ARG':
        for (const [name, value] of parseAssignments(step, env))
          if (value !== undefined || !(name in env)) env[name] = value ?? env[name] ?? '';
        continue;
      case 'COPY': {
        const { flags, sources, dest } = parseCopy(step);
        const target = path.join(root, path.posix.resolve(workdir, dest)) + (dest.endsWith('/') ? '/' : '');
        if (flags.from) {
          if (!roots[flags.from]) fail(`Dockerfile:${step.line}: COPY --from=${flags.from}: no such stage`);
          copyInto(
            'stage',
            sources.map((s) => path.join(roots[flags.from], s)),
            target,
            sources.length > 1,
          );
        } else {
          for (const s of sources)
            if (ignored(path.posix.normalize(s))) fail(`Dockerfile:${step.line}: ${s} is excluded by .dockerignore`);
          copyInto(
            'context',
            sources.map((s) => path.join(ROOT, s)),
            target,
            sources.length > 1,
            (file) => !ignored(path.relative(ROOT, file).split(path.sep).join('/')),
          );
        }
        log(`Dockerfile:${step.line}: COPY ${step.args}`);
        continue;
      }
      case 'RUN': {
        if (/\bapt-get\b/.test(step.args)) {
          systemPackages(step);
          continue;
        }
        log(`Dockerfile:${step.line}: RUN ${step.args}`);
        const nodedir = fs.existsSync('/usr/include/node') ? { npm_config_nodedir: '/usr' } : {};
        const stepEnv = { PATH: process.env.PATH, HOME: os.homedir(), ...nodedir, ...env };
        if (step.args.trim().startsWith('[')) {
          const [command, ...args] = JSON.parse(step.args);
          run(command, args, { cwd: path.join(root, workdir), env: stepEnv });
        } else {
          run('bash', ['-c', step.args], { cwd: path.join(root, workdir), env: stepEnv });
        }
        log(`Dockerfile:${step.line}: done in ${seconds(started)}`);
        continue;
      }
      case 'LABEL':
      case 'EXPOSE':
      case 'CMD':
      case 'ENTRYPOINT':
      case 'HEALTHCHECK':
      case 'STOPSIGNAL':
      case 'USER':
        continue; // nothing the build's files depend on
      default:
        fail(`Dockerfile:${step.line}: ${step.keyword} is not supported by this check`);
    }
  }
  return { workdir, env };
}

/** Reads the runtime stage: its user, environment, workdir, command and the RUN lines' mkdir and chown. */
function readRuntime(stage, globalArgs) {
  const env = { ...globalArgs };
  let workdir = '/';
  let user = 'root';
  let cmd = null;
  const made = [];
  const owned = [];
  for (const step of stage.steps) {
    if (step.keyword === 'WORKDIR') workdir = path.posix.resolve(workdir, step.args.trim());
    else if (step.keyword === 'USER') user = step.args.trim();
    else if (step.keyword === 'CMD') cmd = JSON.parse(step.args);
    else if (step.keyword === 'ENV' || step.keyword === 'ARG') {
      for (const [name, value] of parseAssignments(step, env)) env[name] = value ?? env[name] ?? '';
    } else if (step.keyword === 'RUN') {
      for (const command of step.args.split(/&&|;|\|\|/).map((c) => c.trim().split(/\s+/))) {
        const paths = command.slice(1).filter((w) => !w.startsWith('-'));
        if (command[0] === 'mkdir') made.push(...paths.map((p) => path.posix.resolve(workdir, p)));
        if (command[0] === 'chown') {
          const [owner, ...targets] = paths;
          owned.push(
            ...targets.map((t) => ({
              owner: owner.split(':')[0],
              path: path.posix.resolve(workdir, t),
              recursive: command.includes('-R'),
            })),
          );
        }
      }
    }
  }
  return { env, workdir, user, cmd, made, owned };
}

const under = (dir, parent) => dir === parent || dir.startsWith(`${parent}/`);

/** What the runtime stage says about users and ownership; read before anything is built, so it fails fast. */
function checkRuntimeUser(runtime) {
  const problems = [];
  const user = runtime.user.split(':')[0];
  if (['root', '0', ''].includes(user))
    problems.push('the image runs as root (no USER other than root in its last stage)');
  // Where the app writes (libs/config): ITA_DATA_DIR (default .data in the working directory:
  // SQLite files, the generated JWT key) and EVIDENCE_DIR (default in it); docker-compose.yml
  // mounts a volume at its own EVIDENCE_DIR, which takes the ownership of that image directory.
  const dataDir = path.posix.resolve(runtime.workdir, runtime.env.ITA_DATA_DIR || '.data');
  const writes = new Set([
    dataDir,
    path.posix.resolve(runtime.workdir, runtime.env.EVIDENCE_DIR || path.posix.join(dataDir, 'evidence')),
  ]);
  for (const m of fs
    .readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8')
    .matchAll(/^\s*EVIDENCE_DIR:\s*["']?([^"'\s]+)/gm))
    writes.add(m[1]);
  for (const dir of writes) {
    const made = runtime.made.some((m) => under(m, dir)); // mkdir -p of a directory in it makes it too
    const owned = runtime.owned.some(
      (o) => o.owner === user && (o.path === dir || (o.recursive && under(dir, o.path))),
    );
    if (!made || !owned)
      problems.push(
        `${dir} (written by the app) is not made and chowned to ${user} in the image (mkdir -p and chown in a RUN of the last stage)`,
      );
  }
  return { problems, dataDir, writes: [...writes] };
}

/** What the runtime stage's files must hold: no devDependencies, and every command it or docker-compose.yml runs. */
function checkRuntimeFiles(runtime, appDir) {
  const problems = [];
  if (fs.existsSync(path.join(appDir, 'node_modules/vite')))
    problems.push('devDependencies (vite) are in the runtime image: npm prune --omit=dev did not run before the copy');
  const compose = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
  const commands = new Set([...compose.matchAll(/^\s*command:\s*\[\s*"node",\s*"([^"]+)"/gm)].map((m) => m[1]));
  if (runtime.cmd?.[0] === 'node') commands.add(runtime.cmd[1]);
  for (const script of commands)
    if (!fs.existsSync(path.join(appDir, script)))
      problems.push(`${script} (run by the image or docker-compose.yml) is not in the image`);
  return { problems, commands: [...commands] };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

function get(url) {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            type: res.headers['content-type'] ?? '',
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      })
      .on('error', reject);
  });
}

/** Starts the api from the runtime layout and asks it for the web app and its health. */
async function smokeTest(runtime, runtimeRoot, appDir, dataDir) {
  const port = await freePort();
  const closed = await freePort(); // nothing listens there: Temporal is out of reach, as at a cold start
  const hostDataDir = path.join(runtimeRoot, dataDir);
  fs.mkdirSync(path.join(hostDataDir, 'evidence'), { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // Root here: run as nobody, who may write only the data directory (as the image's user may).
  if (asRoot) run('chown', ['-R', '65534:65534', hostDataDir]);
  const env = {
    PATH: process.env.PATH,
    ...runtime.env,
    ITA_DATA_DIR: hostDataDir,
    EVIDENCE_DIR: path.join(hostDataDir, 'evidence'),
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    TEMPORAL_ADDRESS: `127.0.0.1:${closed}`,
  };
  const [command, ...args] = asRoot
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...runtime.cmd.slice(1)]
    : [process.execPath, ...runtime.cmd.slice(1)];
  const api = spawn(command, args, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  api.stdout.on('data', (d) => {
    output += d;
  });
  api.stderr.on('data', (d) => {
    output += d;
  });
  const exited = new Promise((resolve) => api.once('exit', (code, signal) => resolve(code ?? signal)));
  try {
    const deadline = Date.now() + 60_000;
    let health;
    while (!health) {
      if (api.exitCode !== null) fail(`the api exited with ${api.exitCode}:\n${output}`);
      if (Date.now() > deadline) fail(`the api did not answer within 60 s:\n${output}`);
      health = await get(`http://127.0.0.1:${port}/api/health`).catch(() => null);
      if (!health) await new Promise((r) => setTimeout(r, 250));
    }
    if (health.status >= 500 && health.status !== 503) fail(`/api/health answered ${health.status}: ${health.body}`);
    const index = fs.readFileSync(path.join(appDir, 'dist/web/index.html'), 'utf8');
    for (const url of ['/', '/audit']) {
      const page = await get(`http://127.0.0.1:${port}${url}`);
      if (page.status !== 200 || !page.type.startsWith('text/html') || page.body !== index)
        fail(`${url} did not answer the web app (${page.status} ${page.type}):\n${page.body.slice(0, 300)}`);
    }
    const asset =
      /(?:src|href)="(\/assets\/[^"]+\.js)"/.exec(index)?.[1] ??
      fail('dist/web/index.html names no script under /assets/');
    const script = await get(`http://127.0.0.1:${port}${asset}`);
    if (script.status !== 200) fail(`${asset} answered ${script.status}`);
    if (!fs.existsSync(path.join(hostDataDir, 'ita.sqlite')))
      fail('the api did not create its SQLite database in ITA_DATA_DIR');
    log(
      `api from the runtime layout${asRoot ? ' as nobody' : ''}: /api/health ${health.status}, web app at / and ${asset}, its data in ITA_DATA_DIR`,
    );
  } finally {
    api.kill('SIGTERM');
    const timer = setTimeout(() => api.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

async function main() {
  const started = Date.now();
  const stages = parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
  if (stages.length < 2) fail('the Dockerfile should have a build stage and a runtime stage');
  if (process.argv.includes('--steps')) {
    for (const s of stages)
      console.log(
        `${s.name} (FROM ${s.image})\n${s.steps.map((t) => `  ${t.line}: ${t.keyword} ${t.args}`).join('\n')}`,
      );
    console.log(JSON.stringify(readRuntime(stages[stages.length - 1], {}), null, 1));
    return;
  }
  const ignored = dockerIgnore(path.join(ROOT, '.dockerignore'));
  const last = stages[stages.length - 1];
  const runtime = readRuntime(last, {});
  if (!runtime.cmd) fail('the last stage has no CMD');
  const user = checkRuntimeUser(runtime);
  if (user.problems.length) fail(`the runtime stage:\n  ${user.problems.join('\n  ')}`);
  log(`runtime stage: runs as ${runtime.user}, who owns ${user.writes.join(' and ')}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ita-image-'));
  fs.chmodSync(tmp, 0o755);
  const roots = Object.fromEntries(stages.map((s, i) => [s.name, path.join(tmp, `stage-${i}-${s.name}`)]));
  for (const root of Object.values(roots)) fs.mkdirSync(root);
  log(
    `image build check in ${tmp} (${stages.length} stages: ${stages.map((s) => `${s.name} from ${s.image}`).join(', ')})`,
  );
  try {
    const builds = stages.slice(0, -1).map((stage) => ({ stage, ...buildStage(stage, roots, ignored, {}) }));
    const build = builds[builds.length - 1];
    const buildApp = path.join(roots[build.stage.name], build.workdir);
    const expected = ['dist/web/index.html', 'dist/apps/api/src/main.js', 'dist/apps/worker/src/main.js'];
    const missing = expected.filter((f) => !fs.existsSync(path.join(buildApp, f)));
    if (missing.length) fail(`the build stage did not produce ${missing.join(', ')}`);
    log(`build stage: ${expected.join(', ')} built (${seconds(started)})`);

    const runtimeRoot = roots[last.name];
    // The runtime stage's files: its COPY lines and WORKDIR, nothing else of it runs here.
    buildStage(
      { ...last, steps: last.steps.filter((s) => ['COPY', 'WORKDIR', 'ENV', 'ARG'].includes(s.keyword)) },
      roots,
      ignored,
      {},
    );
    const appDir = path.join(runtimeRoot, runtime.workdir);
    const { problems, commands } = checkRuntimeFiles(runtime, appDir);
    if (problems.length) fail(`the runtime stage:\n  ${problems.join('\n  ')}`);
    log(`runtime stage: no devDependencies; ${commands.join(', ')} present`);
    await smokeTest(runtime, runtimeRoot, appDir, user.dataDir);
    log(`image build check passed in ${seconds(started)}`);
  } finally {
    if (keep) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(`image build check FAILED: ${error.message}`);
  process.exit(1);
});
