// The shared table tests/fixtures/fold.txt, which the Rust library's
// `tooling::fold` answers too (tests/it/tables.rs): the core's `fold`, which
// the HTML index searches with, must give the same answer for every case.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { fold } from "../core.js";

test("fold gives the answers of the shared table", () => {
  const text = readFileSync(new URL("../../tests/fixtures/fold.txt", import.meta.url), "utf8");
  const rows = text
    .split("\n")
    .map((line, i) => [line, i + 1])
    .filter(([line]) => line.trim() !== "" && !line.startsWith("#"));
  assert.ok(rows.length >= 10, `fold.txt has ${rows.length} cases`);
  const wrong = [];
  for (const [line, number] of rows) {
    const at = line.lastIndexOf(" => ");
    assert.ok(at > 0, `fold.txt:${number}: no \` => \``);
    const input = JSON.parse(line.slice(0, at));
    const expected = JSON.parse(line.slice(at + 4));
    const got = fold(input);
    if (got !== expected) wrong.push(`fold.txt:${number}: ${JSON.stringify(input)} folds to ${JSON.stringify(got)}, not ${JSON.stringify(expected)}`);
  }
  assert.deepEqual(wrong, []);
});

test("fold reads anything as text", () => {
  assert.equal(fold(undefined), "");
  assert.equal(fold(null), "");
  assert.equal(fold(1000), "1000");
});
