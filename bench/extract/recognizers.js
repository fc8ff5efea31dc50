// Microsoft Recognizers-Text over the `text` of each JSON Lines record:
// the number, percentage and currency recognisers (English), the peers of
// finfacts extract's number reading.  Prints records, bytes, entities.
// usage: node recognizers.js CORPUS.jsonl  (NODE_PATH: its node_modules)
'use strict';
const fs = require('fs');
const readline = require('readline');
const N = require('@microsoft/recognizers-text-number');
const U = require('@microsoft/recognizers-text-number-with-unit');
const culture = 'en-us';
async function main() {
	const rl = readline.createInterface({input: fs.createReadStream(process.argv[2])});
	let records = 0, bytes = 0, found = 0;
	for await (const line of rl) {
		bytes += Buffer.byteLength(line) + 1;
		if (!line.trim()) continue;
		const t = JSON.parse(line).text;
		found += N.recognizeNumber(t, culture).length;
		found += N.recognizePercentage(t, culture).length;
		found += U.recognizeCurrency(t, culture).length;
		records++;
	}
	console.log(`${records} records, ${bytes} bytes, ${found} entities`);
}
main();
