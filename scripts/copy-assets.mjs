// Copy the prebuilt GOV.UK Frontend JavaScript and the images its CSS refers to into
// site/static/dist/, so Django's staticfiles (and WhiteNoise) serve them like our own files.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "site/static/dist";

mkdirSync(target, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
cpSync(`${source}/assets/images`, `${target}/assets/images`, { recursive: true });
