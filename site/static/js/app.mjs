// Start every GOV.UK Frontend component on the page (Exit this page, error summary,
// password reveal, service navigation). Only runs where the browser supports ES modules.
import { initAll } from "../dist/govuk-frontend.min.js";

initAll();
