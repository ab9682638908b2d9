/**
 * Evidence for a task: links, and files uploaded with their progress shown (the API checks the
 * type against the content and the 20 MB limit; the page says so before sending). Each piece of
 * evidence names the monitoring guidelines it answers.
 */
import { useState } from 'react';
import { authorizedFetch, refreshSession, session } from './api/client';
import { useText } from './i18n';

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_TYPES: Record<string, string> = {
  'application/pdf': '.pdf',
  'image/png': '.png',
  'image/jpeg': '.jpg,.jpeg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': '.docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': '.xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': '.pptx',
  'application/msword': '.doc',
  'application/vnd.ms-excel': '.xls',
};

export interface EvidenceItem {
  kind: 'link' | 'file';
  url: string;
  name: string;
  guidelines: number[];
}

const TEXT = {
  th: {
    file: 'แนบไฟล์หลักฐาน',
    link: 'ลิงก์หลักฐาน (https://…)',
    linkName: 'ชื่อหลักฐาน',
    addLink: 'เพิ่มลิงก์',
    uploading: 'กำลังอัปโหลด',
    remove: 'นำออก',
    kindFile: 'ไฟล์',
    kindLink: 'ลิงก์',
    tooBig: 'ไฟล์ใหญ่เกิน 20 MB',
    badType: 'ไม่รับไฟล์ชนิดนี้ (รับ PDF รูปภาพ เอกสาร Office และข้อความ)',
    answers: 'ตอบแนวทางการติดตามข้อ',
    limits: 'PDF รูปภาพ Office หรือข้อความ ไม่เกิน 20 MB',
  },
  en: {
    file: 'Attach an evidence file',
    link: 'Evidence link (https://…)',
    linkName: 'Evidence name',
    addLink: 'Add link',
    uploading: 'Uploading',
    remove: 'Remove',
    kindFile: 'file',
    kindLink: 'link',
    tooBig: 'The file is over 20 MB',
    badType: 'This kind of file is not accepted (PDF, images, Office documents and text are)',
    answers: 'Answers monitoring guideline',
    limits: 'PDF, images, Office or text, at most 20 MB',
  },
};

/** Uploads a file with XHR so its progress can be shown; resolves to the API's answer. */
function upload(
  organization: string,
  file: File,
  unit: string | undefined,
  onProgress: (fraction: number) => void,
  retried = false,
): Promise<{ url: string; name: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(
      'POST',
      `/api/organizations/${encodeURIComponent(organization)}/evidence${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`,
    );
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    const token = session.get()?.accessToken;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = async () => {
      const body = JSON.parse(xhr.responseText || '{}');
      if (xhr.status === 401 && !retried && (await refreshSession()))
        return resolve(await upload(organization, file, unit, onProgress, true));
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(body);
    };
    xhr.onerror = () => reject({ message: 'network error' });
    xhr.send(file);
  });
}

export function EvidenceEditor({
  organization,
  unit,
  guidelines,
  value,
  onChange,
  onProblem,
}: {
  organization: string;
  unit?: string;
  guidelines: Array<{ number: number; text: string }>;
  value: EvidenceItem[];
  onChange(items: EvidenceItem[]): void;
  onProblem(problem: { message: string } | null): void;
}) {
  const t = useText(TEXT);
  const [progress, setProgress] = useState<number | null>(null);
  const [link, setLink] = useState('');
  const [linkName, setLinkName] = useState('');
  const defaultGuidelines = guidelines.length === 1 ? [guidelines[0].number] : [];
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_EVIDENCE_BYTES) return onProblem({ message: t.tooBig });
    if (!EVIDENCE_TYPES[file.type]) return onProblem({ message: t.badType });
    onProblem(null);
    setProgress(0);
    try {
      const uploaded = await upload(organization, file, unit, setProgress);
      onChange([...value, { kind: 'file', url: uploaded.url, name: uploaded.name, guidelines: defaultGuidelines }]);
    } catch (error) {
      onProblem(error as { message: string });
    } finally {
      setProgress(null);
    }
  };
  const toggle = (i: number, g: number) =>
    onChange(
      value.map((e, j) =>
        j !== i
          ? e
          : {
              ...e,
              guidelines: e.guidelines.includes(g) ? e.guidelines.filter((x) => x !== g) : [...e.guidelines, g].sort(),
            },
      ),
    );
  return (
    <fieldset className="panel">
      <legend>{t.file}</legend>
      {value.map((e, i) => (
        <div key={`${e.url}-${i}`} className="card">
          <div className="row">
            <strong>{e.name}</strong>
            <span className="muted">({e.kind === 'file' ? t.kindFile : t.kindLink})</span>
            <button
              type="button"
              className="danger"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={`${t.remove} ${e.name}`}
            >
              {t.remove}
            </button>
          </div>
          <div className="row" role="group" aria-label={`${t.answers} (${e.name})`}>
            {guidelines.map((g) => (
              <label key={g.number} className="check">
                <input type="checkbox" checked={e.guidelines.includes(g.number)} onChange={() => toggle(i, g.number)} />
                {t.answers} {g.number}
              </label>
            ))}
          </div>
        </div>
      ))}
      <label className="field">
        {t.file} <span className="muted">({t.limits})</span>
        <input
          type="file"
          accept={Object.values(EVIDENCE_TYPES).join(',')}
          onChange={(e) => {
            void onFile(e.target.files?.[0]);
            e.target.value = '';
          }}
          disabled={progress !== null}
        />
      </label>
      {progress !== null && (
        <label className="field">
          {t.uploading}
          <progress max={1} value={progress}>
            {Math.round(progress * 100)}%
          </progress>
        </label>
      )}
      <div className="row">
        <label className="field" style={{ flex: 2 }}>
          {t.link}
          <input type="url" value={link} onChange={(e) => setLink(e.target.value)} />
        </label>
        <label className="field" style={{ flex: 1 }}>
          {t.linkName}
          <input value={linkName} onChange={(e) => setLinkName(e.target.value)} />
        </label>
        <button
          type="button"
          disabled={!/^https?:\/\/\S+$/.test(link) || !linkName.trim()}
          onClick={() => {
            onChange([
              ...value,
              { kind: 'link', url: link.trim(), name: linkName.trim(), guidelines: defaultGuidelines },
            ]);
            setLink('');
            setLinkName('');
          }}
        >
          {t.addLink}
        </button>
      </div>
    </fieldset>
  );
}

/** A link to a piece of evidence: links open, files download with the signed-in person's token. */
export function EvidenceLink({ item }: { item: EvidenceItem }) {
  if (item.kind === 'link')
    return (
      <a href={item.url} target="_blank" rel="noreferrer noopener">
        {item.name}
      </a>
    );
  const download = async () => {
    const response = await authorizedFetch(item.url);
    if (!response.ok) return;
    const url = URL.createObjectURL(await response.blob());
    const a = Object.assign(document.createElement('a'), { href: url, download: item.name });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" className="link" onClick={() => void download()}>
      {item.name}
    </button>
  );
}
