// Order worker: reads order messages from the queue and records them.
export async function handler(event) {
  for (const record of event.Records) {
    const order = JSON.parse(record.body);
    console.log(JSON.stringify({ msg: 'order received', orderId: order.id }));
  }
  return { batchItemFailures: [] };
}
