// Regenerates the package's data and types from the Rust crate:
// `errcat export --all --out data`, then codes.d.ts from data/index.json.
// Run it with `npm run generate` after a text or the registry changes.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderTypes } from "./types.js";

const here = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));

execFileSync(
  "cargo",
  ["run", "--quiet", "--manifest-path", here("../Cargo.toml"), "--", "export", "--all", "--out", here("data")],
  { stdio: "inherit" },
);
const index = JSON.parse(readFileSync(here("data/index.json"), "utf8"));
writeFileSync(here("codes.d.ts"), renderTypes(index));
console.log("wrote codes.d.ts");
