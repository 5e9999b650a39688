// Copy the prebuilt GOV.UK Frontend JavaScript and the images its CSS refers to into
// site/static/dist/, so Django's staticfiles (and WhiteNoise) serve them like our own files.
// Leaflet (the Safe Places finder's optional map) is copied the same way, with its source
// map (the hashed static storage follows sourceMappingURL) and the images its CSS uses.
import { cpSync, mkdirSync } from "node:fs";

const source = "node_modules/govuk-frontend/dist/govuk";
const target = "site/static/dist";

mkdirSync(target, { recursive: true });
cpSync(`${source}/govuk-frontend.min.js`, `${target}/govuk-frontend.min.js`);
cpSync(`${source}/assets/images`, `${target}/assets/images`, { recursive: true });

const leaflet = "node_modules/leaflet/dist";
mkdirSync(`${target}/leaflet`, { recursive: true });
for (const file of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) {
  cpSync(`${leaflet}/${file}`, `${target}/leaflet/${file}`);
}
cpSync(`${leaflet}/images`, `${target}/leaflet/images`, { recursive: true });

// scorm-again: the SCORM 1.2 and 2004 runtime API the SCORM lesson player puts on its
// window (site/scorm/static/scorm/player.js), with its source map.
const scormAgain = "node_modules/scorm-again/dist";
mkdirSync(`${target}/scorm-again`, { recursive: true });
for (const file of ["scorm-again.min.js", "scorm-again.min.js.map"]) {
  cpSync(`${scormAgain}/${file}`, `${target}/scorm-again/${file}`);
}
