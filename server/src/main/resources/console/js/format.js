// How figures are shown.
export const num = (n) => (n === undefined || n === null ? '–' : Number(n).toLocaleString('en'));
export const rate = (details) => (details && details.rate !== undefined ? `${Number(details.rate).toFixed(1)}/s` : '–');
export const yesNo = (b) => (b ? 'yes' : 'no');
export const args = (o) => (o && Object.keys(o).length ? JSON.stringify(o) : '');

export function bytes(n) {
  if (n === undefined || n === null) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Number(n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

export function duration(ms) {
  if (ms === undefined || ms === null || ms < 0) return ms === -1 ? 'forever' : '–';
  const s = Math.floor(ms / 1000);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.floor(s / 60)} min`;
  if (s < 172800) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}
