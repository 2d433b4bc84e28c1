// 总结 · 写总结页面：模板预览、生成草稿（读取服务器推送事件）、重写本节；
// 写计划页面：选择或粘贴总结、生成计划（JSON）。
// 所有文本都以 textContent 写入页面，从不拼接 HTML。
'use strict';

(function () {
  const STATUS = {
    pending: '等待',
    start: '正在写…',
    repair: '数字与事实不符，正在修改…',
    done: '完成',
    failed: '失败',
  };
  const PENDING = /【待核实[：:][^】]*】/g;

  function initDraft(form) {
    const out = document.getElementById('output');
    const list = document.getElementById('out-sections');
    const statusLine = document.getElementById('out-status');
    const formStatus = document.getElementById('form-status');
    const generate = document.getElementById('generate');
    const tpl = document.getElementById('template');
    const preview = document.getElementById('tpl-preview');
    const state = { runId: 0, sections: new Map(), busy: false };

    const kind = () => form.elements.doc.value;
    const tplID = document.getElementById('template-id');
    const chosen = () => (tplID && tplID.value.trim()) || tpl.value;
    tpl.addEventListener('change', () => loadPreview(chosen(), preview, kind()));
    if (tplID) tplID.addEventListener('change', () => loadPreview(chosen(), preview, kind()));
    form.elements.doc.addEventListener('change', () => { if (!chosen()) loadPreview('', preview, kind()); });
    loadPreview(chosen(), preview, kind());

    function setBusy(busy, msg) {
      state.busy = busy;
      generate.disabled = busy;
      for (const s of state.sections.values()) {
        if (s.button) s.button.disabled = busy;
      }
      statusLine.textContent = msg || '';
      formStatus.textContent = busy ? '正在生成，请稍候…' : '';
    }

    function renderOutline(items) {
      list.replaceChildren();
      state.sections.clear();
      for (const it of items) {
        const sec = document.createElement('section');
        sec.className = 'draft-sec lv' + it.level + (it.write ? '' : ' part-head');
        sec.dataset.i = it.i;
        const head = document.createElement(it.level <= 1 ? 'h3' : 'h4');
        const title = document.createElement('span');
        title.className = 'sec-title';
        title.textContent = it.marker + it.heading;
        head.append(title);
        const entry = { el: sec, head: head, body: null, status: null, button: null, raw: '', item: it };
        if (it.write) {
          const status = document.createElement('span');
          status.className = 'sec-status st-pending';
          status.textContent = STATUS.pending;
          const button = document.createElement('button');
          button.type = 'button';
          button.className = 'rewrite';
          button.textContent = '重写本节';
          button.hidden = true;
          button.addEventListener('click', () => rewrite(it.i));
          head.append(' ', status, button);
          entry.status = status;
          entry.button = button;
          entry.body = document.createElement('div');
          entry.body.className = 'sec-body';
        }
        sec.append(head);
        if (entry.body) sec.append(entry.body);
        list.append(sec);
        state.sections.set(it.i, entry);
      }
    }

    function setStatus(entry, key, extra) {
      if (!entry.status) return;
      entry.status.className = 'sec-status st-' + key;
      entry.status.textContent = STATUS[key] + (extra || '');
      entry.el.classList.toggle('active', key === 'start' || key === 'repair');
    }

    function onEvent(name, d) {
      if (name === 'outline') {
        renderOutline(d);
        return;
      }
      if (name === 'result') {
        showResult(d);
        return;
      }
      if (name === 'error') {
        statusLine.textContent = '出错：' + d.message;
        return;
      }
      const entry = state.sections.get(d.i);
      if (!entry) return;
      switch (name) {
        case 'start':
          entry.raw = '';
          fillText(entry.body, '');
          entry.body.classList.add('streaming');
          setStatus(entry, 'start');
          break;
        case 'delta':
          entry.raw += d.text;
          fillText(entry.body, entry.raw);
          break;
        case 'repair':
          setStatus(entry, 'repair');
          break;
        case 'done':
          entry.body.classList.remove('streaming');
          setStatus(entry, 'done', d.seconds ? '（' + d.seconds.toFixed(1) + ' 秒）' : '');
          break;
        case 'failed':
          entry.body.classList.remove('streaming');
          setStatus(entry, 'failed', '：' + (d.error || ''));
          break;
      }
    }

    function showResult(r) {
      state.runId = r.run_id;
      document.getElementById('out-title').textContent = r.title;
      const mode = document.getElementById('out-mode');
      mode.hidden = r.mode !== 'offline';
      mode.textContent = r.mode === 'offline' ? '离线草稿：未配置模型，标题取自模板，引导句取自范文，其后是您填写的事实。' : '';
      const opening = document.getElementById('out-opening');
      opening.hidden = !r.opening;
      fillText(opening, r.opening || '');
      for (const s of r.sections) {
        const entry = state.sections.get(s.i);
        if (!entry || !entry.body) continue;
        entry.body.classList.remove('streaming');
        fillText(entry.body, s.text);
        setStatus(entry, s.status === 'done' ? 'done' : s.status === 'failed' ? 'failed' : 'pending');
        entry.button.hidden = !r.run_id;
      }
      showCheck(r.check);
      const dl = document.getElementById('downloads');
      dl.hidden = !r.run_id;
      if (r.run_id) {
        document.getElementById('dl-md').href = '/runs/' + r.run_id + '/report.md';
        document.getElementById('dl-docx').href = '/runs/' + r.run_id + '/report.docx';
      }
    }

    function showCheck(c) {
      renderCheck(document.getElementById('out-check'), c, {
        ok: '草稿中的数字都来自您填写的事实，您填写的数字都已写入草稿。',
        missing: '您填写了但草稿中没有写入的数字：',
        unsupported: '草稿中没有依据的数字（已标为【待核实】）：',
      });
    }

    async function stream(url, body, busyMsg) {
      setBusy(true, busyMsg);
      try {
        const res = await fetch(url, {
          method: 'POST',
          body: body,
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        if (!res.ok) {
          const msg = (await res.text()).trim();
          setBusy(false, '');
          formStatus.textContent = msg;
          statusLine.textContent = msg;
          return;
        }
        await readEvents(res, onEvent);
        setBusy(false, statusLine.textContent.startsWith('出错') ? statusLine.textContent : '已完成');
      } catch (e) {
        setBusy(false, '连接中断：' + e.message);
      }
    }

    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (state.busy) return;
      out.hidden = false;
      document.getElementById('out-check').hidden = true;
      document.getElementById('downloads').hidden = true;
      document.getElementById('out-opening').hidden = true;
      document.getElementById('out-mode').hidden = true;
      list.replaceChildren();
      out.scrollIntoView({ behavior: 'smooth', block: 'start' });
      stream('/draft', new URLSearchParams(new FormData(form)), '正在生成…');
    });

    function rewrite(i) {
      if (state.busy || !state.runId) return;
      stream('/runs/' + state.runId + '/sections/' + i + '/rewrite', new URLSearchParams(), '正在重写本节…');
    }
  }

  // renderCheck shows a number-check result in box; words holds the
  // sentence for a passed check and the labels of the two lists.
  function renderCheck(box, c, words) {
    box.replaceChildren();
    box.hidden = false;
    const h = document.createElement('h3');
    h.textContent = c.ok ? '数字核对：通过' : '数字核对：请核实以下内容';
    box.append(h);
    box.classList.toggle('ok', c.ok);
    if (c.ok) {
      const p = document.createElement('p');
      p.textContent = words.ok;
      box.append(p);
    }
    addList(box, 'missing', words.missing, c.missing);
    addList(box, 'unsupported', words.unsupported, c.unsupported);
    addList(box, 'queries', '请核实您填写的事实：', c.queries);
  }

  function addList(box, cls, label, items) {
    if (!items || !items.length) return;
    const p = document.createElement('p');
    p.textContent = label;
    const ul = document.createElement('ul');
    ul.className = cls;
    for (const x of items) {
      const li = document.createElement('li');
      li.textContent = x;
      ul.append(li);
    }
    box.append(p, ul);
  }

  // loadPreview shows the heading tree of template id ('' for the common
  // structure of kind).
  async function loadPreview(id, preview, kind) {
    const q = new URLSearchParams({ id: id, kind: kind });
    try {
      const res = await fetch('/templates/preview?' + q);
      const text = await res.text();
      if (res.ok) {
        preview.innerHTML = text; // server-rendered html/template fragment, escaped
      } else {
        preview.textContent = text;
      }
    } catch (e) {
      preview.textContent = '模板结构载入失败：' + e.message;
    }
  }

  // SOURCES name the sources of plan tasks.
  const SOURCES = {
    'carry-over': '续办',
    problem: '对策',
    corpus: '常见',
    fact: '目标',
    model: '模型',
  };

  // initPlan wires the 写计划 page: summary source, year hint, template
  // preview, and the plan request (a JSON answer, not a stream).
  function initPlan(form) {
    const out = document.getElementById('plan-output');
    const list = document.getElementById('plan-sections');
    const statusLine = document.getElementById('plan-status');
    const formStatus = document.getElementById('plan-form-status');
    const generate = document.getElementById('plan-generate');
    const summary = document.getElementById('summary');
    const year = document.getElementById('plan-year');
    const hint = document.getElementById('year-hint');
    const fromCorpus = document.getElementById('from-corpus');
    const fromPaste = document.getElementById('from-paste');
    const tpl = document.getElementById('template');
    const preview = document.getElementById('tpl-preview');
    const defaultHint = hint.textContent;
    let busy = false;

    const tplID = document.getElementById('template-id');
    const chosen = () => (tplID && tplID.value.trim()) || tpl.value;
    tpl.addEventListener('change', () => loadPreview(chosen(), preview, 'plan'));
    if (tplID) tplID.addEventListener('change', () => loadPreview(chosen(), preview, 'plan'));
    loadPreview(chosen(), preview, 'plan');

    // Only the chosen source's fields are sent: a disabled fieldset's
    // controls are left out of the form data.
    function showSource() {
      const paste = form.elements.source.value === 'paste';
      fromCorpus.disabled = paste;
      fromPaste.disabled = !paste;
      fromCorpus.classList.toggle('off', paste);
      fromPaste.classList.toggle('off', !paste);
      showYear();
    }

    // showYear puts the year the server will pick in the year field's
    // placeholder, as zongjie plan does.
    function showYear() {
      const opt = summary.selectedOptions[0];
      const y = opt ? Number(opt.dataset.year || 0) : 0;
      if (form.elements.source.value !== 'corpus' || !y) {
        year.placeholder = '自动';
        hint.textContent = defaultHint;
        return;
      }
      const half = opt.dataset.period === 'first-half';
      year.placeholder = String(half ? y : y + 1);
      hint.textContent = half
        ? '所选为 ' + y + ' 年上半年总结：默认生成 ' + y + ' 年下半年工作计划。'
        : '所选为 ' + y + ' 年总结：默认生成 ' + (y + 1) + ' 年工作计划。';
    }
    for (const r of form.elements.source) r.addEventListener('change', showSource);
    summary.addEventListener('change', showYear);
    showSource();

    function setBusy(b, msg) {
      busy = b;
      generate.disabled = b;
      statusLine.textContent = msg || '';
      formStatus.textContent = b ? '正在生成…（配置了模型时每个类别调用一次模型，请稍候）' : '';
      out.classList.toggle('busy', b);
    }

    function badge(source, label) {
      const b = document.createElement('span');
      b.className = 'src src-' + source;
      b.textContent = label || SOURCES[source] || source;
      return b;
    }

    function showPlan(p) {
      document.getElementById('plan-title').textContent = p.title;
      const from = document.getElementById('plan-from');
      from.hidden = !p.from;
      from.textContent = '依据：' + p.from;
      const mode = document.getElementById('plan-mode');
      mode.hidden = p.mode !== 'offline';
      mode.textContent = '离线计划：未配置模型，正文由各项任务连写而成。配置模型后可润色为完整行文。';
      list.replaceChildren();
      for (const s of p.sections) {
        const sec = document.createElement('section');
        sec.className = 'plan-sec';
        const h = document.createElement('h3');
        const title = document.createElement('span');
        title.className = 'sec-title';
        title.textContent = s.marker + s.heading;
        const cat = document.createElement('span');
        cat.className = 'tag cat';
        cat.textContent = s.category;
        h.append(title, cat);
        const ol = document.createElement('ol');
        ol.className = 'tasks';
        const notes = [];
        for (const it of s.items) {
          if (it.source === 'model') {
            // Not a task: says the text below was polished by the model.
            const note = document.createElement('p');
            note.className = 'model-note';
            const text = document.createElement('span');
            text.textContent = it.text;
            note.append(badge(it.source, it.label), text);
            notes.push(note);
            continue;
          }
          const li = document.createElement('li');
          li.className = 'task task-' + it.source;
          const text = document.createElement('span');
          text.textContent = it.text;
          li.append(badge(it.source, it.label), text);
          ol.append(li);
        }
        const body = document.createElement('div');
        body.className = 'sec-body plan-text';
        const label = document.createElement('p');
        label.className = 'plan-text-label';
        label.textContent = p.mode === 'offline' ? '正文（任务连写）' : '正文（模型润色）';
        const text = document.createElement('div');
        fillText(text, s.text);
        body.append(label, text);
        sec.append(h, ol, ...notes, body);
        list.append(sec);
      }
      renderCheck(document.getElementById('plan-check'), p.check, {
        ok: '计划中的数字都来自所选总结和您填写的目标。',
        missing: '您填写了但计划中没有写入的数字：',
        unsupported: '计划中没有依据的数字（已标为【待核实】）：',
      });
      document.getElementById('plan-downloads').hidden = false;
      document.getElementById('plan-dl-md').href = '/plans/' + encodeURIComponent(p.id) + '/plan.md';
      document.getElementById('plan-dl-docx').href = '/plans/' + encodeURIComponent(p.id) + '/plan.docx';
    }

    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (busy) return;
      out.hidden = false;
      list.replaceChildren();
      for (const id of ['plan-check', 'plan-downloads', 'plan-mode', 'plan-from']) {
        document.getElementById(id).hidden = true;
      }
      document.getElementById('plan-title').textContent = '工作计划';
      const wait = document.createElement('p');
      wait.className = 'waiting';
      wait.textContent = '正在生成…';
      list.append(wait);
      setBusy(true, '正在生成…');
      try {
        const res = await fetch('/plan', {
          method: 'POST',
          body: new URLSearchParams(new FormData(form)),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        if (!res.ok) {
          const msg = (await res.text()).trim();
          setBusy(false, '');
          list.replaceChildren();
          const p = document.createElement('p');
          p.className = 'bad';
          p.setAttribute('role', 'alert');
          p.textContent = msg;
          list.append(p);
          formStatus.textContent = msg;
          return;
        }
        const plan = await res.json();
        showPlan(plan);
        setBusy(false, '已完成');
      } catch (e) {
        list.replaceChildren();
        setBusy(false, '连接中断：' + e.message);
      }
      out.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  }

  // readEvents reads a text/event-stream response and calls on(name, data)
  // for each event with its JSON data.
  async function readEvents(res, on) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let k;
      while ((k = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, k);
        buf = buf.slice(k + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) name = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        if (data) on(name, JSON.parse(data));
      }
    }
  }

  // fillText writes text as paragraphs, wrapping 【待核实：…】 in <mark>.
  function fillText(el, text) {
    el.replaceChildren();
    for (const para of text.split('\n')) {
      if (!para.trim()) continue;
      const p = document.createElement('p');
      let last = 0;
      for (const m of para.matchAll(PENDING)) {
        p.append(para.slice(last, m.index));
        const mark = document.createElement('mark');
        mark.className = 'pending';
        mark.textContent = m[0];
        p.append(mark);
        last = m.index + m[0].length;
      }
      p.append(para.slice(last));
      el.append(p);
    }
  }

  // initUpload refuses, before sending, files larger than the server takes.
  function initUpload(form) {
    const max = Number(form.dataset.maxBytes);
    const msg = document.getElementById('upload-error');
    form.addEventListener('submit', (ev) => {
      let total = 0;
      for (const f of form.elements.files.files) total += f.size;
      if (max > 0 && total > max) {
        ev.preventDefault();
        msg.hidden = false;
        msg.textContent = '所选文件合计超过大小限制（最多 ' + form.dataset.maxText + '）。请分批上传或减少内容后重试。';
      } else {
        msg.hidden = true;
      }
    });
  }

  // initTrees loads a report's heading tree when its details element is
  // first opened, so the corpus list costs the same at any corpus size.
  function initTrees(list) {
    list.addEventListener('toggle', async (ev) => {
      const d = ev.target;
      if (!d.open || !d.dataset.tree || d.dataset.loaded) return;
      d.dataset.loaded = '1';
      const box = d.querySelector('.doc-tree');
      try {
        const res = await fetch(d.dataset.tree);
        const text = await res.text();
        if (res.ok) {
          box.innerHTML = text; // server-rendered html/template fragment, escaped
        } else {
          box.textContent = text;
          delete d.dataset.loaded;
        }
      } catch (e) {
        box.textContent = '标题结构载入失败：' + e.message;
        delete d.dataset.loaded;
      }
    }, true);
  }

  // Forms with data-confirm ask before they are sent (removing a report).
  document.addEventListener('submit', (ev) => {
    const msg = ev.target.dataset && ev.target.dataset.confirm;
    if (msg && !window.confirm(msg)) ev.preventDefault();
  });

  const docs = document.querySelector('ul.docs');
  if (docs) {
    initTrees(docs);
  }
  const form = document.getElementById('draft-form');
  if (form) {
    initDraft(form);
  }
  const plan = document.getElementById('plan-form');
  if (plan) {
    initPlan(plan);
  }
  const upload = document.getElementById('upload-form');
  if (upload) {
    initUpload(upload);
  }
})();
