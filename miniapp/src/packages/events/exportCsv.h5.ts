// Fetch with the session token, then hand the file to the browser as a download.
import { ApiError } from '../../api/errors';
export async function exportSignupsCsv(url: string, token: string | null, fileName: string): Promise<void> {
  // Failures as the API client reports them: a Chinese message (never the browser's "Failed to fetch"), and 401.
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(
    (err) => {
      throw ApiError.network(err);
    },
  );
  if (!res.ok) throw ApiError.fromResponse(res.status, await res.json().catch(() => null));
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = `${fileName}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
