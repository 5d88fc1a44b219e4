// Drafts save as you type: a form marked data-rh-autosave is posted in the background a few
// seconds after the last change, with the header X-Autosave. The server answers with the
// record's new version, which goes into the form so the next save, or the button, is not
// refused as stale. Without this script the buttons save, as they always do.

const QUIET_MS = 4000

export function enableAutosave (form) {
  const status = form.querySelector('[data-rh-autosave-status]')
  const version = form.querySelector('input[name=version]')
  let timer = null
  let saving = false
  let stopped = false
  let lastSaved = new URLSearchParams(new FormData(form)).toString()

  const say = (text) => { if (status) status.textContent = text }

  const save = async () => {
    const body = new FormData(form)
    const snapshot = new URLSearchParams(body).toString()
    if (stopped || saving || snapshot === lastSaved) return
    saving = true
    try {
      const response = await fetch(form.action || location.href, {
        method: 'POST',
        body,
        headers: { 'X-Autosave': '1' },
        credentials: 'same-origin'
      })
      const answer = await response.json()
      if (response.ok) {
        version.value = answer.version
        lastSaved = new URLSearchParams(new FormData(form)).toString()
      } else if (response.status === 409) {
        stopped = true // never overwrite: the button shows both versions
      }
      say(answer.detail)
    } catch {
      say('Not saved yet: check your connection. What you typed is still here.')
    } finally {
      saving = false
    }
  }

  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(save, QUIET_MS)
  })
  form.addEventListener('submit', () => { clearTimeout(timer); stopped = true })
}

for (const form of document.querySelectorAll('form[data-rh-autosave]')) {
  enableAutosave(form)
}
