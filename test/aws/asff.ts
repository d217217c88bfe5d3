/**
 * Security Hub control findings in the AWS Security Finding Format, complete as GetFindings returns them with
 * consolidated control findings on. Typed as the SDK's AwsSecurityFinding, so a field the ASFF does not have fails
 * to compile.
 */

import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

export const ACCOUNT = '111111111111';
export const REGION = 'eu-west-1';

const NORMALIZED = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 40, HIGH: 70, CRITICAL: 90 } as const;
const FSBP = 'standards/aws-foundational-security-best-practices/v/1.0.0';
export const CIS_120 = 'ruleset/cis-aws-foundations-benchmark/v/1.2.0';
export const CIS_140 = 'standards/cis-aws-foundations-benchmark/v/1.4.0';

export interface FindingSpec {
  control: string;
  title: string;
  severity: keyof typeof NORMALIZED;
  status: 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE';
  resourceType: string;
  resourceId: string;
  workflow?: 'NEW' | 'NOTIFIED' | 'SUPPRESSED' | 'RESOLVED';
  requirements?: string[];
  standards?: string[];
  account?: string;
  region?: string;
  /** Distinguishes findings of the same control (the uuid part of the id). */
  n?: number;
}

export function asffFinding(spec: FindingSpec): AwsSecurityFinding {
  const account = spec.account ?? ACCOUNT;
  const region = spec.region ?? REGION;
  const uuid = `a1b2c3d4-5678-90ab-cdef-${String(spec.n ?? 1).padStart(12, '0')}`;
  const id = `arn:aws:securityhub:${region}:${account}:security-control/${spec.control}/finding/${uuid}`;
  const productArn = `arn:aws:securityhub:${region}::product/aws/securityhub`;
  const severity = { Label: spec.severity, Normalized: NORMALIZED[spec.severity], Original: spec.severity };
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: productArn,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: `security-control/${spec.control}`,
    AwsAccountId: account,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    FirstObservedAt: '2026-03-02T08:14:11.402Z',
    LastObservedAt: '2026-04-28T16:10:06.956Z',
    CreatedAt: '2026-03-02T08:14:11.402Z',
    UpdatedAt: '2026-04-28T16:10:00.093Z',
    Severity: severity,
    Title: spec.title,
    Description: `This control checks: ${spec.title}.`,
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: `https://docs.aws.amazon.com/console/securityhub/${spec.control}/remediation`,
      },
    },
    ProductFields: {
      'aws/securityhub/ProductName': 'Security Hub',
      'aws/securityhub/CompanyName': 'AWS',
      'Resources:0/Id': spec.resourceId,
      'aws/securityhub/FindingId': `${productArn}/${id}`,
    },
    Resources: [{ Type: spec.resourceType, Id: spec.resourceId, Partition: 'aws', Region: region }],
    Compliance: {
      Status: spec.status,
      SecurityControlId: spec.control,
      RelatedRequirements: spec.requirements ?? [],
      AssociatedStandards: (spec.standards ?? [FSBP]).map((StandardsId) => ({ StandardsId })),
    },
    WorkflowState: 'NEW',
    Workflow: { Status: spec.workflow ?? 'NEW' },
    RecordState: 'ACTIVE',
    FindingProviderFields: { Severity: { Label: spec.severity, Original: spec.severity }, Types: ['Software and Configuration Checks/Industry and Regulatory Standards'] },
  };
}

/** Physical ids of the example shop's deployed resources, as CloudFormation names them. */
export const SHOP = {
  uploadsBucket: 'shopdata-uploadsbucket5e5e9b64-1q2w3e4r5t6y',
  ordersDb: 'shopdata-ordersdb889e652a-a1s2d3f4g5h6',
  ordersQueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/ShopData-OrdersQueue3DFA1D51-Zx9Yw8Vu7Ts6`,
  processorRole: 'ShopData-OrderProcessorServiceRole79A9F6CA-QWERTY123456',
  importLogs: 'ShopData-ImportJobLogs70EDA0AD-LkJhGfDsA123',
  albSecurityGroup: 'sg-0a1b2c3d4e5f60718',
};

export function shopFindings(): AwsSecurityFinding[] {
  return [
    asffFinding({ control: 'S3.5', title: 'S3 general purpose buckets should require requests to use SSL', severity: 'MEDIUM', status: 'FAILED', resourceType: 'AwsS3Bucket', resourceId: `arn:aws:s3:::${SHOP.uploadsBucket}`, n: 1 }),
    asffFinding({ control: 'RDS.3', title: 'RDS DB instances should have encryption at-rest enabled', severity: 'MEDIUM', status: 'FAILED', resourceType: 'AwsRdsDbInstance', resourceId: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${SHOP.ordersDb}`, n: 2 }),
    asffFinding({ control: 'SQS.1', title: 'Amazon SQS queues should be encrypted at rest', severity: 'MEDIUM', status: 'FAILED', resourceType: 'AwsSqsQueue', resourceId: `arn:aws:sqs:${REGION}:${ACCOUNT}:ShopData-OrdersQueue3DFA1D51-Zx9Yw8Vu7Ts6`, n: 3 }),
    asffFinding({ control: 'IAM.1', title: 'IAM policies should not allow full "*" administrative privileges', severity: 'HIGH', status: 'FAILED', resourceType: 'AwsIamPolicy', resourceId: `arn:aws:iam::${ACCOUNT}:policy/unrelated-admin`, n: 4 }),
  ];
}
