'use strict';

// Logging in asks the API who the token is, with the token as a bearer header; the answer sets
// the HttpOnly session cookie the status page then uses. The token itself is never stored here.
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const problem = document.getElementById('problem');
  problem.textContent = '';
  const token = document.getElementById('token').value.trim();
  try {
    const response = await fetch('api/v1/session', {
      headers: { Accept: 'application/json', Authorization: 'Bearer ' + token }
    });
    if (response.ok) {
      window.location.href = './';
      return;
    }
    const body = await response.json().catch(() => null);
    problem.textContent = (body && body.error && body.error.message) || 'HTTP ' + response.status;
  } catch (e) {
    problem.textContent = 'The API did not answer';
  }
});
