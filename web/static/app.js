// 总结 · 写总结页面：模板预览、生成草稿（读取服务器推送事件）、重写本节。
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

    async function loadPreview() {
      const q = new URLSearchParams({ id: tpl.value, kind: form.elements.doc.value });
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
    tpl.addEventListener('change', loadPreview);
    form.elements.doc.addEventListener('change', () => { if (!tpl.value) loadPreview(); });
    loadPreview();

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
      const box = document.getElementById('out-check');
      box.replaceChildren();
      box.hidden = false;
      const h = document.createElement('h3');
      h.textContent = c.ok ? '数字核对：通过' : '数字核对：请核实以下内容';
      box.append(h);
      box.classList.toggle('ok', c.ok);
      if (c.ok) {
        const p = document.createElement('p');
        p.textContent = '草稿中的数字都来自您填写的事实，您填写的数字都已写入草稿。';
        box.append(p);
      }
      addList(box, 'missing', '您填写了但草稿中没有写入的数字：', c.missing);
      addList(box, 'unsupported', '草稿中没有依据的数字（已标为【待核实】）：', c.unsupported);
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

  const form = document.getElementById('draft-form');
  if (form) {
    initDraft(form);
  }
  const upload = document.getElementById('upload-form');
  if (upload) {
    initUpload(upload);
  }
})();
