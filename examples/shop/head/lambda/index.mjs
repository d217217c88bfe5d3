// Order worker: reads order messages from the queue and records them.
// Demo (atomic): changed code is a new asset, and Lambda switches to it in one step.
export async function handler(event) {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body);
      console.log(JSON.stringify({ msg: 'order received', orderId: order.id }));
    } catch {
      // A malformed message is retried and then dead-lettered alone instead of failing its whole batch.
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
