// Browser test of `zongjie serve`, run by run.sh: Playwright (playwright-core)
// drives Debian's Chromium against a server whose model is web/e2e/fakellm.
//
// Environment: ZONGJIE_URL (the address serve printed, with ?token=…),
// FIXTURE (a report to upload), SEARCH_WORD (a word only that report has),
// SCREENSHOT (where to save the page), CHROMIUM (default /usr/bin/chromium).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import path from 'node:path';
import { chromium } from 'playwright-core';

const START = process.env.ZONGJIE_URL;
const FIXTURE = process.env.FIXTURE;
const WORD = process.env.SEARCH_WORD || '星火助学';
const SCREENSHOT = process.env.SCREENSHOT;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

// zipEntries lists a zip archive's files from its central directory and
// inflates the ones asked for.
function zipEntries(buf, want = []) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'no end of central directory: not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  const contents = {};
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'bad central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    names.push(name);
    if (want.includes(name)) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + compressed);
      contents[name] = (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { names, contents };
}

test('upload, search, draft with streamed sections, download .docx, plan', { timeout: 180_000 }, async (t) => {
  assert.ok(START, 'ZONGJIE_URL is not set: run web/e2e/run.sh');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
  });
  t.after(() => browser.close());
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });

  // The printed address carries ?token=: it sets the cookie and redirects.
  await page.goto(START);
  assert.ok(!page.url().includes('token='), 'the token stays in the address bar');
  await page.getByRole('heading', { name: '语料库' }).waitFor();

  await t.test('upload a report', async () => {
    await page.setInputFiles('input[name="files"]', FIXTURE);
    await page.getByRole('button', { name: '上传并导入' }).click();
    const row = page.locator('#upload-results tbody tr');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    const text = await row.first().innerText();
    assert.match(text, /已导入 1 篇/);
    assert.match(text, new RegExp(path.basename(FIXTURE, '.txt')));
  });

  await t.test('a report\'s heading tree loads when opened', async () => {
    const doc = page.locator('ul.docs details', { hasText: path.basename(FIXTURE, '.txt') }).first();
    assert.equal(await doc.locator('ul.tree').count(), 0, 'the tree is in the page before it is opened');
    await doc.locator('summary').click();
    await doc.locator('ul.tree li').first().waitFor();
    assert.match(await doc.locator('ul.tree').innerText(), /办学条件/);
  });

  await t.test('search finds it', async () => {
    await page.fill('input[name="q"]', WORD);
    await page.getByRole('button', { name: '检索' }).click();
    const hit = page.locator('.hit').first();
    await hit.waitFor();
    assert.equal(await hit.locator('mark').first().innerText(), WORD);
    assert.match(await hit.innerText(), /云杉县教育局2023年工作总结/);
    await page.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'web-corpus.png') });
  });

  let runText = '';
  await t.test('draft streams section by section', async () => {
    await page.getByRole('link', { name: '写总结' }).click();
    await page.fill('input[name="org"]', '岚湖县教育局');
    await page.fill('input[name="year"]', '2024');
    const option = page.locator('#template option', { hasText: '云杉县教育局2023年工作总结' });
    await page.selectOption('#template', await option.getAttribute('value'));
    await page.locator('#tpl-preview', { hasText: '加大投入力度，办学条件明显改善' }).waitFor();
    await page.fill('textarea[name="facts-党建"]', '新发展党员9人\n开展主题党日活动30次');
    await page.fill('textarea[name="facts-师资"]', '招聘特岗教师72名\n培训教师3100人次');
    await page.fill('textarea[name="facts-安全"]', '整改校园安全隐患86处');
    await page.fill('textarea[name="problems"]', '城区学校大班额问题仍较突出');
    await page.getByRole('button', { name: '生成' }).click();

    // Streaming: some section shows text while the draft is not finished.
    await page.waitForFunction(() => {
      const streaming = document.querySelector('.sec-body.streaming p');
      return streaming && streaming.textContent.length > 0 && document.getElementById('downloads').hidden;
    }, null, { timeout: 60_000 });
    const sections = page.locator('.draft-sec .sec-status');
    assert.ok(await sections.count() >= 4, 'expected sections 党建, 师资, 安全, 存在的问题');

    await page.locator('#downloads').waitFor({ state: 'visible', timeout: 90_000 });
    const statuses = await sections.allInnerTexts();
    assert.ok(statuses.every((s) => s.startsWith('完成')), `not all sections done: ${statuses}`);
    runText = await page.locator('#out-sections').innerText();
    for (const fact of ['新发展党员9人', '招聘特岗教师72名', '整改校园安全隐患86处']) {
      assert.ok(runText.includes(fact), `fact ${fact} missing from the draft`);
    }
  });

  await t.test('invented figure is highlighted and listed', async () => {
    const marks = page.locator('#out-sections mark.pending');
    assert.ok(await marks.count() >= 1, 'no 【待核实】 mark');
    assert.match(await marks.first().innerText(), /^【待核实：.*9350人】$/);
    const bg = await marks.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'mark is not highlighted');
    assert.match(await page.locator('#out-check').innerText(), /9350人/);
    await page.locator('#out-check').scrollIntoViewIfNeeded();
    await page.locator('#output').scrollIntoViewIfNeeded();
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  await t.test('rewrite one section', async () => {
    const sec = page.locator('.draft-sec', { hasText: '招聘特岗教师72名' }).first();
    await sec.getByRole('button', { name: '重写本节' }).click();
    await page.locator('#out-status', { hasText: '已完成' }).waitFor({ timeout: 60_000 });
    assert.match(await sec.locator('.sec-status').innerText(), /^完成/);
    assert.match(await sec.locator('.sec-body').innerText(), /招聘特岗教师72名/);
  });

  await t.test('download .docx', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dl-docx')]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const buf = readFileSync(await download.path());
    assert.equal(buf.subarray(0, 2).toString(), 'PK');
    const { names, contents } = zipEntries(buf, ['word/document.xml']);
    assert.ok(names.includes('word/document.xml'), `entries: ${names}`);
    assert.ok(names.includes('[Content_Types].xml'), `entries: ${names}`);
    assert.match(contents['word/document.xml'], /岚湖县教育局/);
    assert.match(contents['word/document.xml'], /9350/);
  });

  await t.test('plan from the uploaded summary', async () => {
    await page.getByRole('link', { name: '写计划' }).click();
    await page.getByRole('heading', { name: '写计划' }).waitFor();
    assert.ok(await page.locator('input[name="source"][value="corpus"]').isChecked(), 'corpus is not the default source');
    const option = page.locator('#summary option', { hasText: '云杉县教育局2023年工作总结' });
    await page.selectOption('#summary', await option.getAttribute('value'));
    assert.equal(await page.getAttribute('#plan-year', 'placeholder'), '2024', 'an annual 2023 summary plans 2024');
    await page.fill('textarea[name="problems"]', '农村学校心理健康教师配备不足');
    await page.getByRole('button', { name: '生成计划' }).click();
    await page.locator('#plan-sections .waiting', { hasText: '正在生成…' }).waitFor({ timeout: 5_000 });
    assert.ok(await page.locator('#plan-generate').isDisabled(), 'button not disabled while generating');

    await page.locator('#plan-downloads').waitFor({ state: 'visible', timeout: 90_000 });
    assert.equal(await page.locator('#plan-title').innerText(), '云杉县教育局2024年工作计划');
    const carry = page.locator('#plan-sections li.task-carry-over');
    assert.ok(await carry.count() >= 1, 'no 续办 task');
    assert.equal(await carry.first().locator('.src').innerText(), '续办');
    assert.match(await carry.allInnerTexts().then((x) => x.join('\n')), /云杉县第二中学学生宿舍楼/);
    const problem = page.locator('#plan-sections li.task-problem');
    assert.ok(await problem.count() >= 2, 'expected 对策 tasks for the summary\'s and the form\'s problems');
    assert.equal(await problem.first().locator('.src').innerText(), '对策');
    assert.match(await problem.allInnerTexts().then((x) => x.join('\n')), /心理健康教师/);
    const bg = await carry.first().locator('.src').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'source badge has no background');

    // The fake model invents 9350人 in the polished text too.
    const marks = page.locator('#plan-sections mark.pending');
    assert.ok(await marks.count() >= 1, 'no 【待核实】 mark in the plan');
    assert.match(await page.locator('#plan-check').innerText(), /9350人/);
    await page.locator('#plan-output').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'web-plan.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#plan-dl-docx')]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const { contents } = zipEntries(readFileSync(await download.path()), ['word/document.xml']);
    assert.match(contents['word/document.xml'], /云杉县教育局2024年工作计划/);
    assert.match(contents['word/document.xml'], /宿舍楼/);
  });

  await t.test('the call log lists the model calls', async () => {
    await page.getByRole('link', { name: '记录' }).click();
    const rows = page.locator('table.calls tbody tr');
    await rows.first().waitFor();
    assert.ok(await rows.count() >= 4, 'expected a call per section');
    assert.match(await page.locator('table.calls').innerText(), /section:师资/);
    await rows.first().locator('a').click();
    await page.getByRole('heading', { name: '提示词' }).waitFor();
    await page.screenshot({ path: path.join(path.dirname(SCREENSHOT), 'web-log.png') });
  });

  await t.test('remove the uploaded report, after confirming', async () => {
    await page.getByRole('link', { name: '语料库' }).first().click();
    const title = path.basename(FIXTURE, '.txt');
    const doc = page.locator('ul.docs details', { hasText: title }).first();
    await doc.locator('summary').click();
    page.once('dialog', (d) => d.dismiss());
    await doc.getByRole('button', { name: '删除' }).click();
    assert.equal(await page.locator('ul.docs details', { hasText: title }).count(), 1, 'removed although the dialog was dismissed');
    page.once('dialog', (d) => { assert.match(d.message(), new RegExp(title)); d.accept(); });
    await doc.getByRole('button', { name: '删除' }).click();
    await page.locator('#removed').waitFor();
    assert.equal(await page.locator('ul.docs details', { hasText: title }).count(), 0, 'the report is still listed');
  });

  assert.deepEqual(errors, [], 'errors in the page console');
});
