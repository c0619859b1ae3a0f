"""A webassets filter that joins our small ES modules into one classic script.

Pages load one script per bundle, so modules must not need a loader at run time. Our
modules follow simple rules (single-line relative named imports, `export function` or
`export const`, unique top-level names), which keeps this a text transform rather than
a bundler. The pure modules stay real ES modules for Node's test runner.
"""

from __future__ import annotations

import re

from webassets.filter import Filter

IMPORT_LINE = re.compile(r"^\s*import\s+\{[^}]*\}\s+from\s+['\"]\./[^'\"]+['\"];?\s*$", re.M)
EXPORT_KEYWORD = re.compile(r"^export\s+(?=(async\s+)?(function|const|let|class)\b)", re.M)
ANY_IMPORT_OR_EXPORT = re.compile(r"^\s*(import|export)\b", re.M)


class EsmConcat(Filter):
    """Strip imports and `export` keywords per file, then wrap the bundle in one strict scope."""

    name = "esm_concat"

    def input(self, _in, out, **kw):
        source = EXPORT_KEYWORD.sub("", IMPORT_LINE.sub("", _in.read()))
        leftover = ANY_IMPORT_OR_EXPORT.search(source)
        if leftover:
            line = source.count("\n", 0, leftover.start()) + 1
            raise ValueError(f"{kw.get('source_path')}:{line}: import/export form the bundler cannot join; "
                             "use `import { a } from './x.js';` and `export function`/`export const`")
        out.write(source)

    def output(self, _in, out, **kw):
        out.write("(()=>{'use strict';\n")
        out.write(_in.read())
        out.write("\n})();\n")
