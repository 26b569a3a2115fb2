// Typesets the book at build time, so its pages need no JavaScript. Reads the JSON request file named by the first
// argument, {"math": [{"tex": "...", "display": false}], "code": [{"source": "...", "language": "csharp"}]}, and
// writes {"math": [{"html": "..."} or {"error": "..."}], "code": ["<span class=\"hljs-…\">…", …]} on stdout.
// KaTeX emits HTML for the eye and MathML for screen readers; bad TeX comes back as an error for the builder to
// report, not as red text hidden in a page.
import { readFileSync } from "node:fs";
import katex from "katex";
import hljs from "highlight.js/lib/core";
import csharp from "highlight.js/lib/languages/csharp";

hljs.registerLanguage("csharp", csharp);

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));

const math = request.math.map(({ tex, display }) => {
  try {
    return { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml", strict: "ignore" }) };
  } catch (e) {
    return { error: e instanceof katex.ParseError ? e.message : String(e) };
  }
});
const code = request.code.map(({ source, language }) =>
  hljs.highlight(source, { language: hljs.getLanguage(language) ? language : "csharp", ignoreIllegals: true }).value);

process.stdout.write(JSON.stringify({ math, code }));
