// The assessment's outcome page, enhanced. Everything works without this file: the ticks are
// a form that is saved, and "what the indicators point to" is worked out by the server when
// the page loads. With it: a "find an indicator" box narrows the list as you type (what is
// typed is never sent), and the summary is fetched again from the server, which applies the
// rules, whenever a box is ticked. The level is never worked out here.

const form = document.querySelector('[data-rh-points-to]')
if (form) {
  enhanceSummary(form)
  const filter = form.querySelector('[data-rh-filter]')
  if (filter) {
    enhanceFilter(form, filter)
  }
}

function enhanceSummary (form) {
  const url = form.dataset.rhPointsTo
  const region = document.getElementById('points-to')
  let latest = 0

  const refresh = async () => {
    const request = ++latest
    const ticked = new URLSearchParams()
    for (const box of form.querySelectorAll('input[name=indicators]:checked')) {
      ticked.append('indicators', box.value)
    }
    const response = await fetch(`${url}?${ticked}`, { headers: { Accept: 'text/html' } })
    if (!response.ok || request !== latest) {
      return
    }
    const fragment = new DOMParser().parseFromString(await response.text(), 'text/html')
    region.replaceChildren(...fragment.body.childNodes)
  }

  form.addEventListener('change', (event) => {
    if (event.target.matches('input[name=indicators]')) {
      refresh().catch(() => {})
    }
  })
}

function enhanceFilter (form, filter) {
  const input = filter.querySelector('input')
  const status = filter.querySelector('[role=status]')
  const groups = [...form.querySelectorAll('[data-rh-filter-group]')]
  filter.hidden = false

  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean)
    let matches = 0
    for (const group of groups) {
      let inGroup = 0
      for (const item of group.querySelectorAll('[data-rh-filter-item]')) {
        const label = item.querySelector('label').textContent.toLowerCase()
        const shown = words.every((word) => label.includes(word))
        item.hidden = !shown
        // Its "who does this apply to?" goes with it; govuk-frontend still decides whether
        // a shown item's question is open.
        const conditional = document.getElementById(item.dataset.rhFilterItem)
        if (conditional) {
          conditional.hidden = !shown
        }
        inGroup += shown ? 1 : 0
      }
      group.hidden = inGroup === 0
      matches += inGroup
    }
    status.textContent = words.length === 0
      ? ''
      : matches === 0
        ? 'No indicator under this outcome has those words. Try other words, or another outcome.'
        : `${matches} indicator${matches === 1 ? '' : 's'} match${matches === 1 ? 'es' : ''}`
  }

  input.addEventListener('input', apply)
  // Enter in the box must not submit the form.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
    }
  })
}
