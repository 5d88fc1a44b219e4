// The public pages' progressive enhancements. Everything works without this file:
// the explorer is a GET form, printing is the browser's own.

const explorer = document.querySelector('[data-rh-explorer]')
if (explorer) {
  enhanceExplorer(explorer)
  const filter = explorer.querySelector('[data-rh-filter]')
  if (filter) {
    enhanceFilter(explorer, filter)
  }
}

for (const button of document.querySelectorAll('[data-rh-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}

// As boxes are ticked: keep the address in step (indicator ids only), show how many are
// ticked under each outcome, and fetch the server's result for the new set. The level is
// never worked out here: the server's rules decide it.
function enhanceExplorer (form) {
  const resultUrl = form.dataset.resultUrl
  let latest = 0

  const query = () => new URLSearchParams(new FormData(form)).toString()

  const updateCounts = () => {
    for (const outcome of form.querySelectorAll('[data-rh-outcome]')) {
      const ticked = outcome.querySelectorAll('input[type=checkbox]:checked').length
      const count = outcome.querySelector('[data-rh-count]')
      count.textContent = `${ticked} ticked`
      count.hidden = ticked === 0
    }
  }

  const refresh = async () => {
    const search = query()
    const request = ++latest
    history.replaceState(null, '', search ? `?${search}` : location.pathname)
    updateCounts()
    const response = await fetch(`${resultUrl}?${search}`, { headers: { Accept: 'text/html' } })
    if (!response.ok || request !== latest) {
      return
    }
    const fragment = new DOMParser().parseFromString(await response.text(), 'text/html')
    for (const id of ['result-region', 'level-status']) {
      const fresh = fragment.getElementById(id)
      const current = document.getElementById(id)
      if (fresh && current) {
        current.replaceChildren(...fresh.childNodes)
      }
    }
  }

  form.addEventListener('change', (event) => {
    if (event.target.matches('input[type=checkbox]')) {
      refresh().catch(() => {})
    }
  })

  // With the result already on the page, the button takes you to it.
  form.addEventListener('submit', (event) => {
    const heading = document.getElementById('result-heading')
    if (heading) {
      event.preventDefault()
      heading.scrollIntoView()
      heading.focus()
    }
  })
}

// Narrow 300-odd indicators to those with every typed word, opening the outcomes that have
// one. The box has no name, so what is typed never reaches the address or the server.
function enhanceFilter (form, filter) {
  const input = filter.querySelector('input')
  const status = filter.querySelector('[role=status]')
  const outcomes = [...form.querySelectorAll('[data-rh-outcome]')]
  const wasOpen = new Map(outcomes.map((outcome) => [outcome, outcome.open]))
  filter.hidden = false

  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    let matches = 0
    for (const outcome of outcomes) {
      let inOutcome = 0
      for (const group of outcome.querySelectorAll('.govuk-form-group')) {
        let inGroup = 0
        for (const item of group.querySelectorAll('.govuk-checkboxes__item')) {
          const text = item.textContent.toLowerCase()
          const shown = words.every((word) => text.includes(word))
          item.hidden = !shown
          inGroup += shown ? 1 : 0
        }
        group.hidden = inGroup === 0
        inOutcome += inGroup
      }
      outcome.hidden = words.length > 0 && inOutcome === 0
      outcome.open = words.length > 0 ? inOutcome > 0 : wasOpen.get(outcome)
      matches += inOutcome
    }
    status.textContent = words.length === 0
      ? ''
      : matches === 0
        ? 'No indicator has those words. Try other words, or open the outcomes below.'
        : `${matches} indicator${matches === 1 ? '' : 's'} match${matches === 1 ? 'es' : ''}`
  }

  input.addEventListener('input', apply)
  // Enter in the box must not submit the form (it would show the result before ticking).
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
    }
  })
  // A box ticked while filtered keeps its outcome open when the filter is cleared.
  form.addEventListener('change', (event) => {
    const outcome = event.target.closest('[data-rh-outcome]')
    if (outcome && event.target.checked) {
      wasOpen.set(outcome, true)
    }
  })
}
