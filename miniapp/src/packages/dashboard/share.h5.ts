// H5: the browser prints the page (the print stylesheet hides everything but the report) and downloads the CSV.
export const canPrint = true;

export function printReport(): void {
  window.print();
}

export async function shareReportCsv(url: string, token: string | null, fileName: string): Promise<void> {
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`导出失败（${res.status}）`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = `${fileName}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
