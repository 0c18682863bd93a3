// H5: the browser prints the page (the print stylesheet hides everything but the report) and downloads the CSV.
import { ApiError } from '../../api/errors';
export const canPrint = true;

export function printReport(): void {
  window.print();
}

export async function shareReportCsv(url: string, token: string | null, fileName: string): Promise<void> {
  // Failures as the API client reports them: a Chinese message (never the browser's "Failed to fetch"), and 401.
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(
    (err) => {
      throw ApiError.network(err);
    },
  );
  if (!res.ok) throw ApiError.fromResponse(res.status, await res.json().catch(() => null));
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = `${fileName}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
