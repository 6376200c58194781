// Sinch's published Node SDK (@sinch/sms, pinned by package-lock.json) against the gateway's
// Sinch-compatible API. Run by SinchSdkTest with the gateway up; prints one line per check and
// exits non-zero on the first that fails.
//   SMS_HOSTNAME  the API's base URL (http://127.0.0.1:PORT)
//   SPID, TOKEN   the account id (the service plan) and one of its API tokens
//   SECRET        the account's webhook secret, which signs every callback
//   FROM, TO      an approved sender ID; comma-separated recipients
import { SmsService, SmsCallbackWebhooks } from '@sinch/sms';
import http from 'node:http';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const hostname = env('SMS_HOSTNAME');
const servicePlanId = env('SPID');
const apiToken = env('TOKEN');
const secret = env('SECRET');
const from = env('FROM');
const to = env('TO').split(',');
const PATIENCE_MS = 90_000;

const log = (line) => process.stdout.write(`${line}\n`);
const sms = new SmsService({ servicePlanId, apiToken, smsRegion: 'us', smsHostname: hostname });

// The customer's receiver: every POST checked against the gateway's signature, then read by the SDK.
const reports = [];
const receiver = http.createServer((req, res) => {
  let raw = '';
  req.on('data', (chunk) => { raw += chunk; });
  req.on('end', () => {
    const header = req.headers['x-signature'] ?? '';
    const t = /t=(\d+)/.exec(header)?.[1];
    const v1 = /v1=([0-9a-f]+)/.exec(header)?.[1];
    const expected = crypto.createHmac('sha256', secret).update(`${t}.${raw}`).digest('hex');
    if (!t || v1 !== expected) {
      log(`FAIL callback signature invalid: ${header}`);
      process.exit(1);
    }
    reports.push(new SmsCallbackWebhooks().parseEvent(raw));
    res.writeHead(204).end();
  });
});
await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const callbackUrl = `http://127.0.0.1:${receiver.address().port}/sinch`;

const sent = await sms.batches.send({
  sendSMSRequestBody: {
    type: 'mt_text', from, to, body: 'Hello from the Node SDK',
    delivery_report: 'per_recipient', callback_url: callbackUrl, client_reference: 'node-1',
  },
});
assert.equal(sent.type, 'mt_text');
assert.match(sent.id, /^[0-9A-Z]{26}$/);
assert.equal(sent.canceled, false);
assert.equal(sent.delivery_report, 'per_recipient');
assert.equal(sent.client_reference, 'node-1');
assert.ok(sent.created_at instanceof Date && !Number.isNaN(sent.created_at.getTime()), 'created_at is a date');
assert.deepEqual([...sent.to].sort(), to.map((n) => n.replace(/^\+/, '')).sort());
log(`ok send ${sent.id}`);

const fetched = await sms.batches.get({ batch_id: sent.id });
assert.equal(fetched.id, sent.id);
assert.equal(fetched.body, 'Hello from the Node SDK');
assert.equal(fetched.created_at.getTime(), sent.created_at.getTime());
log('ok get');

const deadline = Date.now() + PATIENCE_MS;
const deliveredTo = () => new Set(reports
  .filter((r) => r.type === 'recipient_delivery_report_sms' && r.batch_id === sent.id && r.status === 'Delivered')
  .map((r) => r.recipient));
while (deliveredTo().size < to.length) {
  if (Date.now() > deadline) {
    log(`FAIL not every recipient reported Delivered within ${PATIENCE_MS} ms: ${JSON.stringify(reports)}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
for (const r of reports.filter((x) => x.batch_id === sent.id)) {
  assert.equal(r.type, 'recipient_delivery_report_sms');
  assert.equal(r.client_reference, 'node-1');
  assert.ok(r.at instanceof Date && !Number.isNaN(r.at.getTime()), 'at is a date');
  assert.equal(r.code, r.status === 'Delivered' ? 0 : 401, `code of ${r.status}`);
}
log(`ok delivered ${[...deliveredTo()].sort().join(',')} (${reports.length} reports)`);

await assert.rejects(sms.batches.get({ batch_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }), (e) => e.statusCode === 404);
const stranger = new SmsService({ servicePlanId, apiToken: 'not-a-token', smsRegion: 'us', smsHostname: hostname });
await assert.rejects(stranger.batches.get({ batch_id: sent.id }), (e) => e.statusCode === 401);
log('ok errors');

// Templating, dry run, listing, reports read back and cancellation, through the SDK's own calls.
const templated = {
  type: 'mt_text', from, to, body: 'Hi ${name}', client_reference: 'node-2',
  parameters: { name: { [to[0]]: 'Ada', default: 'friend' } },
};
const dry = await sms.batches.dryRun({ per_recipient: true, number_of_recipients: 10, dryRunRequestBody: templated });
assert.equal(dry.number_of_recipients, to.length);
assert.equal(dry.number_of_messages, to.length);
assert.deepEqual(dry.per_recipient.map((r) => r.body).sort(), ['Hi Ada', 'Hi friend']);
assert.equal(dry.per_recipient[0].encoding, 'GSM');
assert.equal(dry.per_recipient[0].number_of_parts, 1);
log('ok dry run');

const personal = await sms.batches.send({ sendSMSRequestBody: templated });
const later = await sms.batches.send({
  sendSMSRequestBody: { type: 'mt_text', from, to: [to[0]], body: 'Tomorrow', send_at: new Date(Date.now() + 86_400_000) },
});
const listed = [];
for await (const b of sms.batches.list({ page_size: 1 })) listed.push(b.id);
assert.deepEqual(listed, [later.id, personal.id, sent.id]);
const page = await sms.batches.list({ page_size: 2, client_reference: 'node-2' });
assert.deepEqual(page.data.map((b) => b.id), [personal.id]);
log('ok list');

const deliveredCount = async () => (await sms.deliveryReports.get({ batch_id: personal.id, type: 'summary' }))
  .statuses.filter((s) => s.status === 'Delivered').reduce((n, s) => n + s.count, 0);
while (await deliveredCount() < to.length) {
  if (Date.now() > deadline + PATIENCE_MS) {
    log(`FAIL the templated batch was not delivered: ${JSON.stringify(await sms.deliveryReports.get({ batch_id: personal.id }))}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
const full = await sms.deliveryReports.get({ batch_id: personal.id, type: 'full', status: ['Delivered'] });
assert.equal(full.type, 'delivery_report_sms');
assert.equal(full.total_message_count, to.length);
assert.equal(full.client_reference, 'node-2');
assert.deepEqual([...full.statuses[0].recipients].sort(), to.map((n) => n.replace(/^\+/, '')).sort());
const mine = await sms.deliveryReports.getForNumber({ batch_id: personal.id, phone_number: to[1] });
assert.equal(mine.type, 'recipient_delivery_report_sms');
assert.equal(mine.status, 'Delivered');
assert.equal(mine.code, 0);
assert.ok(mine.at instanceof Date && !Number.isNaN(mine.at.getTime()), 'at is a date');
log('ok delivery reports');

const cancelled = await sms.batches.cancel({ batch_id: later.id });
assert.equal(cancelled.canceled, true);
const after = await sms.deliveryReports.get({ batch_id: later.id, type: 'summary' });
assert.deepEqual(after.statuses.map((s) => [s.status, s.code, s.count]), [['Cancelled', 407, 1]]);
assert.equal((await sms.batches.get({ batch_id: later.id })).canceled, true);
log('ok cancel');

receiver.close();
log('PASS');
