// Starts GOV.UK Frontend's components (copied into static/govuk by `make assets`). ADR 0063.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
