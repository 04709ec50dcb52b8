// Rich-text editing for the back office, as progressive enhancement: every
// <textarea data-rich-editor> (a plain HTML field that works without
// JavaScript) becomes a formatting toolbar over an editable area, and the
// area's HTML is written back into the text area when the form is submitted.
// The server sanitises whatever arrives. No framework, no inline handlers
// (the CSP allows neither), loaded as a module from /static.

const COMMANDS = [
  { label: '段落', title: '正文段落', run: () => exec('formatBlock', '<p>'), block: 'p' },
  { label: '二级标题', title: '二级标题', run: () => exec('formatBlock', '<h2>'), block: 'h2' },
  { label: '三级标题', title: '三级标题', run: () => exec('formatBlock', '<h3>'), block: 'h3' },
  { label: '加粗', title: '加粗', run: () => exec('bold'), state: 'bold' },
  { label: '斜体', title: '斜体', run: () => exec('italic'), state: 'italic' },
  {
    label: '有序列表',
    title: '有序列表',
    run: () => exec('insertOrderedList'),
    state: 'insertOrderedList',
  },
  {
    label: '无序列表',
    title: '无序列表',
    run: () => exec('insertUnorderedList'),
    state: 'insertUnorderedList',
  },
  { label: '链接', title: '为选中的文字添加链接', run: link },
  { label: '表格', title: '插入三行三列的表格', run: table },
];

function exec(command, value) {
  document.execCommand(command, false, value);
}

function link() {
  const url = window.prompt('链接地址（以 https://、http:// 或 / 开头）', 'https://');
  if (!url) return;
  const clean = url.trim();
  if (!/^(https?:\/\/|mailto:|\/(?!\/))/i.test(clean)) {
    window.alert('链接地址格式不正确');
    return;
  }
  exec('createLink', clean);
}

function table() {
  const cells = (tag) => `<tr>${`<${tag}>&nbsp;</${tag}>`.repeat(3)}</tr>`;
  exec(
    'insertHTML',
    `<table><thead>${cells('th')}</thead><tbody>${cells('td')}${cells('td')}</tbody></table><p><br></p>`,
  );
}

/** Parse HTML inertly and drop what must never run in the editor (the server cleans it again). */
function inert(html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const el of template.content.querySelectorAll(
    'script,style,iframe,object,embed,form,link,meta',
  )) {
    el.remove();
  }
  for (const el of template.content.querySelectorAll('*')) {
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on') || name === 'style' || /^\s*javascript:/i.test(attr.value)) {
        el.removeAttribute(attr.name);
      }
    }
  }
  return template.content;
}

function enhance(textarea) {
  const form = textarea.form;
  if (!form || textarea.dataset.enhanced) return;
  textarea.dataset.enhanced = '1';
  const label = document.getElementById(`${textarea.id}-label`);

  const wrapper = document.createElement('div');
  wrapper.className = 'rte';
  const toolbar = document.createElement('div');
  toolbar.className = 'rte-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', '排版工具栏');
  const area = document.createElement('div');
  area.className = 'rte-area';
  area.id = `${textarea.id}-rich`;
  area.contentEditable = 'true';
  area.setAttribute('role', 'textbox');
  area.setAttribute('aria-multiline', 'true');
  if (label) area.setAttribute('aria-labelledby', label.id);
  const described = textarea.getAttribute('aria-describedby');
  if (described) area.setAttribute('aria-describedby', described);
  toolbar.setAttribute('aria-controls', area.id);

  area.replaceChildren(inert(textarea.value.trim() || '<p><br></p>'));

  // The selection inside the area, kept while a toolbar button has the focus.
  let saved = null;
  document.addEventListener('selectionchange', () => {
    const sel = document.getSelection();
    if (sel && sel.rangeCount > 0 && area.contains(sel.anchorNode)) {
      saved = sel.getRangeAt(0).cloneRange();
      refresh();
    }
  });

  const buttons = COMMANDS.map((command) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = command.label;
    button.title = command.title;
    if (command.state) button.setAttribute('aria-pressed', 'false');
    // Keep the selection when the button is clicked with a pointer.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => {
      area.focus();
      if (saved) {
        const sel = document.getSelection();
        sel.removeAllRanges();
        sel.addRange(saved);
      }
      command.run();
      textarea.value = area.innerHTML;
      refresh();
    });
    toolbar.append(button);
    return { button, command };
  });

  function refresh() {
    for (const { button, command } of buttons) {
      if (!command.state) continue;
      let on = false;
      try {
        on = document.queryCommandState(command.state);
      } catch {
        on = false;
      }
      button.setAttribute('aria-pressed', on ? 'true' : 'false');
    }
  }

  area.addEventListener('input', () => {
    textarea.value = area.innerHTML;
  });
  area.addEventListener('focus', () => {
    exec('defaultParagraphSeparator', 'p');
    exec('styleWithCSS', false);
  });

  wrapper.append(toolbar, area);
  textarea.hidden = true;
  textarea.classList.add('rte-source');
  textarea.after(wrapper);
  if (label) {
    // The label names the visible area now; a click on it moves there.
    label.addEventListener('click', (event) => {
      event.preventDefault();
      area.focus();
    });
  }
  form.addEventListener('submit', () => {
    textarea.value = area.innerHTML;
  });
}

for (const textarea of document.querySelectorAll('textarea[data-rich-editor]')) {
  enhance(textarea);
}
