// Imported first by server/index.ts, so an unsupported Node.js stops with a plain
// message before mediasoup (which needs Node.js 22) fails in a confusing way.
// `npm install` brings a Node.js 24 into node_modules/.bin on Linux x64/arm64, and
// npm scripts (`npm start`, `npm test`) use it; running `node dist/server.cjs` by
// hand uses whatever `node` is first on the PATH.
const MIN = [22, 12] as const;
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < MIN[0] || (major === MIN[0] && minor < MIN[1])) {
  console.error(
    `Balai needs Node.js ${MIN.join('.')} or newer; this is ${process.version} (${process.execPath}).\n` +
      'Start it with `npm start`, which uses the Node.js that `npm install` put in node_modules/.bin, ' +
      'or install Node.js 24 LTS.',
  );
  process.exit(1);
}
