const b: typeof import('./b') = require('./b');
console.log(b.twice(21));
