// H5: scan with the phone's camera inside the page. A full-screen overlay shows the camera (getUserMedia, the rear
// camera), each frame is decoded with jsQR (loaded on first use, its own chunk), and the first QR code's text is the
// answer; 取消 or a refused camera answers null, and the page's typed-code field still works.
import Taro from '@tarojs/taro';

type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** The camera API exists here (a secure page: HTTPS, or localhost while developing). */
export const canScan: boolean =
  typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

const STYLE = `
.rc-scan{position:fixed;inset:0;z-index:10000;background:#000;display:flex;flex-direction:column;align-items:center;justify-content:center}
.rc-scan video{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}
.rc-scan__frame{position:relative;width:64vw;height:64vw;border:3px solid #fff;border-radius:12px;box-shadow:0 0 0 100vmax rgba(0,0,0,.45)}
.rc-scan__hint{position:relative;margin-top:24px;color:#fff;font-size:15px}
.rc-scan__cancel{position:absolute;bottom:48px;padding:10px 36px;color:#fff;font-size:16px;background:rgba(255,255,255,.18);border:1px solid rgba(255,255,255,.6);border-radius:24px}
`;

function overlay(): { root: HTMLDivElement; video: HTMLVideoElement; cancel: HTMLButtonElement } {
  const root = document.createElement('div');
  root.className = 'rc-scan';
  root.setAttribute('role', 'dialog');
  root.setAttribute('aria-label', '扫描二维码');
  root.innerHTML = `<style>${STYLE}</style><video playsinline muted></video><div class="rc-scan__frame"></div><div class="rc-scan__hint">将二维码放入框内，即可自动识别</div><button type="button" class="rc-scan__cancel">取消</button>`;
  document.body.appendChild(root);
  return {
    root,
    video: root.querySelector('video')!,
    cancel: root.querySelector('.rc-scan__cancel')!,
  };
}

export async function scanCode(): Promise<string | null> {
  if (!canScan) return null;
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      video: { facingMode: 'environment' },
      audio: false,
    });
  } catch {
    void Taro.showToast({ title: '无法使用摄像头，请在浏览器设置中允许，或直接输入', icon: 'none' });
    return null;
  }
  const { root, video, cancel } = overlay();
  const decode: Decode = ((await import('jsqr')) as unknown as { default: Decode }).default;
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  video.srcObject = stream;
  await video.play().catch(() => undefined);

  return new Promise<string | null>((resolve) => {
    let done = false;
    const finish = (text: string | null) => {
      if (done) return;
      done = true;
      stream.getTracks().forEach((t) => t.stop());
      root.remove();
      resolve(text);
    };
    cancel.addEventListener('click', () => finish(null));
    const tick = () => {
      if (done) return;
      if (video.readyState >= 2 && video.videoWidth > 0) {
        // Decode a frame at most 640 px wide: enough for a code that fills the frame, and fast on a phone.
        const scale = Math.min(1, 640 / video.videoWidth);
        canvas.width = Math.round(video.videoWidth * scale);
        canvas.height = Math.round(video.videoHeight * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        const image = context.getImageData(0, 0, canvas.width, canvas.height);
        const found = decode(image.data, image.width, image.height);
        if (found?.data) return finish(found.data);
      }
      setTimeout(tick, 120);
    };
    tick();
  });
}
