// The public pages' progressive enhancements. Everything works without this file:
// the explorer is a GET form, printing is the browser's own.

const explorer = document.querySelector('[data-rh-explorer]')
if (explorer) {
  enhanceExplorer(explorer)
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
