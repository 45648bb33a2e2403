// Build the partial plotly.js bundle that timeline's page inlines, and the list of the
// licences of everything bundled into it.
//
//     npm ci && node build.mjs        (or `make plotly-bundle` from the repository root)
//
// The esbuild settings are plotly.js's own (node_modules/plotly.js/esbuild-config.js):
// an IIFE exposing the global `Plotly`, es2016, `global` as `window`, AMD off, regl and
// stream aliased, CSS injected at run time, shaders inlined, NODE_DEBUG off. Two small
// differences keep the output reproducible byte for byte: the injected CSS gets an id made
// from its path inside node_modules (plotly's plugin hashes the absolute path of the
// checkout), and NODE_DEBUG is fixed instead of read from the environment.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';
import { environmentPlugin } from 'esbuild-plugin-environment';
import { glsl } from 'esbuild-plugin-glsl';

const here = path.dirname(fileURLToPath(import.meta.url));
const assets = path.resolve(here, '..', '..', 'timeline', 'render', 'assets');
const bundlePath = path.join(assets, 'plotly.min.js');
const licencePath = path.join(assets, 'plotly.LICENSE.txt');
const modules = path.join(here, 'node_modules');

const plotly = JSON.parse(readFileSync(path.join(modules, 'plotly.js', 'package.json'), 'utf8'));

/** plotly's esbuild-plugin-inline-css, with an id that does not depend on the checkout path */
function inlineCss() {
    return {
        name: 'inline-css',
        setup(b) {
            b.onLoad({ filter: /\.css$/ }, (args) => {
                const css = readFileSync(args.path, 'utf8');
                const where = path.relative(modules, args.path).split(path.sep).join('/');
                const id = createHash('sha256').update(where).digest('hex');
                const contents = `(function(){
    if (!document.getElementById(${JSON.stringify(id)})) {
        var e = document.createElement('style');
        e.id = ${JSON.stringify(id)};
        e.textContent = ${JSON.stringify(css)};
        document.head.appendChild(e);
    }
})();`;
                return { contents, loader: 'js' };
            });
        },
    };
}

const result = await build({
    entryPoints: [path.join(here, 'entry.js')],
    absWorkingDir: here,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    sourcemap: false,
    write: false,
    metafile: true,
    plugins: [inlineCss(), glsl({ minify: true }), environmentPlugin({ NODE_DEBUG: false })],
    alias: {
        regl: '@plotly/regl',
        stream: 'stream-browserify',
    },
    define: {
        global: 'window',
        'define.amd': 'false',
    },
    target: 'es2016',
    logLevel: 'warning',
});

const banner = `/**
* plotly.js (core + scattergl - minified) v${plotly.version}
* Copyright 2012-2026, Plotly, Inc.
* All rights reserved.
* Licensed under the MIT license
* Built for timeline by tools/plotly-bundle; bundled third-party code: plotly.LICENSE.txt
*/
`;
const code = banner + result.outputFiles[0].text;
for (const bad of ['</script', '<!--']) {
    if (code.toLowerCase().includes(bad)) {
        throw new Error(`the bundle contains ${bad} and cannot be inlined in an HTML page`);
    }
}
writeFileSync(bundlePath, code);

// Every package with code in the bundle, and its licence text.
function packageRoot(input) {
    const parts = input.split('/');
    const at = parts.lastIndexOf('node_modules');
    if (at < 0) return null;
    const depth = parts[at + 1].startsWith('@') ? 3 : 2;
    return parts.slice(0, at + depth).join('/');
}

const bytesOf = new Map();
for (const [input, info] of Object.entries(result.metafile.outputs[Object.keys(result.metafile.outputs)[0]].inputs)) {
    const root = packageRoot(input);
    if (root && info.bytesInOutput > 0) bytesOf.set(root, (bytesOf.get(root) || 0) + info.bytesInOutput);
}

const licenceFile = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i;
const entries = [...bytesOf.keys()]
    .map((root) => {
        const dir = path.join(here, root);
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
        const file = readdirSync(dir).sort().find((name) => licenceFile.test(name));
        const text = file ? readFileSync(path.join(dir, file), 'utf8').trim() : null;
        const author = typeof pkg.author === 'object' ? pkg.author.name : pkg.author;
        return { name: pkg.name, version: pkg.version, license: pkg.license || 'unknown', author, text };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));

const seen = new Set();
const unique = entries.filter((e) => {
    const key = `${e.name}@${e.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
});

let out = `Licences of the code bundled in plotly.min.js

plotly.min.js is plotly.js ${plotly.version} (core and the scattergl trace) bundled with the
packages below by tools/plotly-bundle. Each is listed with its version, the licence its
package declares and the licence text it ships.
`;
for (const e of unique) {
    out += `\n${'='.repeat(78)}\n${e.name} ${e.version} (${e.license})\n${'='.repeat(78)}\n\n`;
    out += e.text
        ? `${e.text}\n`
        : `The package ships no licence file; its package.json declares the ${e.license} licence` +
          `${e.author ? ` and the author ${e.author}` : ''} (the ${e.license} text is the one in the ` +
          `entries above, with that author as the copyright holder).\n`;
}
writeFileSync(licencePath, out);

const kb = (code.length / 1024).toFixed(0);
console.log(`wrote ${path.relative(process.cwd(), bundlePath)} (${kb} KiB, ${unique.length} packages)`);
console.log(`wrote ${path.relative(process.cwd(), licencePath)}`);
