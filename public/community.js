// Votes and comments, enhanced: every form here works without this file (it posts and comes back);
// with it, a vote toggles in place through the JSON API and a few comment niceties are added.

// Upvote without reloading: POST or DELETE /api/papers/ID/upvote with the form's anti-forgery token.
// While the request runs the button is marked aria-disabled, not disabled: a disabled button drops
// keyboard focus to <body>, so a keyboard user pressing Enter again would have to Tab from the top.
document.addEventListener('submit', async (event) => {
  const form = event.target.closest('form[data-vote]');
  if (!form) return;
  event.preventDefault();
  const button = form.querySelector('button');
  if (button.getAttribute('aria-disabled') === 'true') return;
  const voted = button.getAttribute('aria-pressed') === 'true';
  button.setAttribute('aria-disabled', 'true');
  try {
    const response = await fetch(`/api/papers/${form.dataset.vote}/upvote`, {
      method: voted ? 'DELETE' : 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'X-CSRF-Token': form.elements._csrf.value },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    showVote(form, await response.json());
  } catch {
    // Let the server explain (log-in page, rate limit, expired form): post the form the plain way.
    button.removeAttribute('aria-disabled');
    form.submit();
    return;
  }
  button.removeAttribute('aria-disabled');
});

function showVote(form, { upvotes, upvoted }) {
  const box = form.closest('.votes');
  const button = form.querySelector('button');
  button.setAttribute('aria-pressed', String(upvoted));
  button.title = upvoted ? 'Take back your upvote' : 'Upvote';
  form.elements.vote.value = upvoted ? 'down' : 'up';
  box.classList.toggle('voted', upvoted);
  const count = upvotes.toLocaleString('en-US');
  const unit = upvotes === 1 ? 'upvote' : 'upvotes';
  box.querySelector('[data-vote-count]').textContent = count;
  box.querySelector('[data-vote-unit]').textContent = ` ${unit}`;
  // One polite region per page says what changed, so a screen reader hears the new count.
  let status = document.getElementById('vote-status');
  if (!status) {
    status = Object.assign(document.createElement('p'), { id: 'vote-status', className: 'visually-hidden' });
    status.setAttribute('aria-live', 'polite');
    document.body.append(status);
  }
  status.textContent = `${upvoted ? 'Upvoted' : 'Upvote taken back'}: ${count} ${unit}`;
}

// A logged-out reader who clicks ▲ comes back to the page they were reading after logging in.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[data-login-link]');
  if (link) link.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
});

// Ask before deleting a comment.
document.addEventListener('submit', (event) => {
  const form = event.target.closest('form[data-confirm]');
  if (form && !confirm(form.dataset.confirm)) event.preventDefault();
});

// Opening "Reply" or "Edit" puts the cursor in its text box; Ctrl/⌘+Enter sends a comment.
document.addEventListener('toggle', (event) => {
  const details = event.target;
  if (details.matches?.('.comment details') && details.open) details.querySelector('textarea')?.focus();
}, true);
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
  const form = event.target.closest?.('form.comment-form');
  if (form && event.target.matches('textarea')) form.requestSubmit();
});
