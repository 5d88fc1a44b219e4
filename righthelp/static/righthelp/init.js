import { initAll } from '../vendor/govuk-frontend/govuk-frontend.min.js'
import './autosave.js'
import './outcome_page.js'

initAll()
