/**
 * A local stand-in for CloudFormation, STS and Security Hub on 127.0.0.1, spoken to through the SDK's real HTTP
 * stack (signing, retries, the Query and REST-JSON protocols) by pointing the standard endpoint variables at it.
 * It answers from a small in-memory account and records every request, so a test can assert what was called.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeStack {
  stackId: string;
  status: string;
  templateBody: string;
  resources: Array<{ logicalId: string; physicalId: string; type: string }>;
}

export interface FakeAccount {
  account: string;
  /** By stack name (or, for nested stacks, by id); any stack is also found by its stack id. */
  stacks: Record<string, FakeStack>;
  /** GetFindings pages, in order; NextToken is the index of the next page. */
  findingPages: unknown[][];
  /** Answer this many GetFindings requests with 429 TooManyRequestsException first. */
  throttleFindings?: number;
}

export interface RecordedRequest {
  service: 'cloudformation' | 'sts' | 'securityhub';
  action: string;
  params: Record<string, unknown>;
  /** The credential's access key id from the Authorization header (proves which credentials signed it). */
  accessKeyId: string | undefined;
}

export interface FakeAws {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const CFN_NS = 'http://cloudformation.amazonaws.com/doc/2010-05-15/';

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function queryResponse(action: string, ns: string, result: string): string {
  return `<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>fake-request</RequestId></ResponseMetadata></${action}Response>`;
}

function queryError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'text/xml' });
  res.end(`<ErrorResponse xmlns="${CFN_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>fake-request</RequestId></ErrorResponse>`);
}

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function accessKeyOf(req: IncomingMessage): string | undefined {
  return /Credential=([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
}

function stackXml(name: string, stack: FakeStack): string {
  return `<member><StackName>${xmlEscape(name)}</StackName><StackId>${xmlEscape(stack.stackId)}</StackId><StackStatus>${stack.status}</StackStatus><CreationTime>2026-01-05T10:00:00.000Z</CreationTime></member>`;
}

function handleQuery(account: FakeAccount, params: URLSearchParams, res: ServerResponse): void {
  const action = params.get('Action') ?? '';
  if (action === 'GetCallerIdentity') {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(queryResponse(action, 'https://sts.amazonaws.com/doc/2011-06-15/', `<Arn>arn:aws:iam::${account.account}:user/ci</Arn><UserId>AIDAFAKE</UserId><Account>${account.account}</Account>`));
    return;
  }
  const name = params.get('StackName') ?? '';
  const stack = account.stacks[name] ?? Object.values(account.stacks).find((s) => s.stackId === name);
  if (!stack) return queryError(res, 400, 'ValidationError', `Stack with id ${name} does not exist`);
  res.writeHead(200, { 'content-type': 'text/xml' });
  switch (action) {
    case 'DescribeStacks':
      return void res.end(queryResponse(action, CFN_NS, `<Stacks>${stackXml(name, stack)}</Stacks>`));
    case 'GetTemplate':
      return void res.end(queryResponse(action, CFN_NS, `<TemplateBody>${xmlEscape(stack.templateBody)}</TemplateBody><StagesAvailable><member>Original</member><member>Processed</member></StagesAvailable>`));
    case 'ListStackResources': {
      const members = stack.resources
        .map((r) => `<member><LogicalResourceId>${r.logicalId}</LogicalResourceId><PhysicalResourceId>${xmlEscape(r.physicalId)}</PhysicalResourceId><ResourceType>${r.type}</ResourceType><LastUpdatedTimestamp>2026-01-05T10:00:00.000Z</LastUpdatedTimestamp><ResourceStatus>UPDATE_COMPLETE</ResourceStatus></member>`)
        .join('');
      return void res.end(queryResponse(action, CFN_NS, `<StackResourceSummaries>${members}</StackResourceSummaries>`));
    }
    default:
      return queryError(res, 400, 'InvalidAction', `${action} is not faked`);
  }
}

export async function startFakeAws(account: FakeAccount): Promise<FakeAws> {
  const requests: RecordedRequest[] = [];
  let throttled = 0;
  const server = createServer(async (req, res) => {
    const text = await body(req);
    const accessKeyId = accessKeyOf(req);
    if (req.url?.startsWith('/findings')) {
      const params = JSON.parse(text || '{}') as Record<string, unknown>;
      requests.push({ service: 'securityhub', action: 'GetFindings', params, accessKeyId });
      if (throttled < (account.throttleFindings ?? 0)) {
        throttled++;
        res.writeHead(429, { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' });
        return void res.end(JSON.stringify({ message: 'Rate exceeded' }));
      }
      const index = params.NextToken ? Number(params.NextToken) : 0;
      const next = index + 1 < account.findingPages.length ? String(index + 1) : undefined;
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ Findings: account.findingPages[index] ?? [], ...(next ? { NextToken: next } : {}) }));
    }
    const params = new URLSearchParams(text);
    const action = params.get('Action') ?? '';
    requests.push({ service: action === 'GetCallerIdentity' ? 'sts' : 'cloudformation', action, params: Object.fromEntries(params), accessKeyId });
    handleQuery(account, params, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
