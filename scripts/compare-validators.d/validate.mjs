// Validates one exchange file against the published schema with ajv
// (draft 2020-12, formats checked): exit 0 when valid, 1 otherwise.
// Usage: node validate.mjs SCHEMA FILE
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, filePath] = process.argv.slice(2);
const ajv = new Ajv2020({ strict: false, validateFormats: true });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
const ok = validate(JSON.parse(readFileSync(filePath, "utf8")));
if (!ok) {
  console.error(JSON.stringify(validate.errors.slice(0, 5), null, 2));
  process.exit(1);
}
