// Importing the element as an ES module and creating it from script.
import SelfevalForm from '../selfeval-form.mjs';

const form = new SelfevalForm();
form.addEventListener('score', (e) => { document.getElementById('total').textContent = e.detail.total; });
document.body.appendChild(form);
form.loadTemplate('policy-evaluation').then(() => { window.moduleReady = SelfevalForm === customElements.get('selfeval-form'); });
