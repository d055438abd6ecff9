// The three output formats a creator can pick, and the frame rate every video uses.

export type FormatId = 'youtube' | 'tiktok' | 'square';

export interface VideoFormat {
  id: FormatId;
  label: string;
  aspect: string;
  width: number;
  height: number;
}

export const DEFAULT_FPS = 30;

export const FORMATS: Record<FormatId, VideoFormat> = {
  youtube: { id: 'youtube', label: 'YouTube (16:9)', aspect: '16:9', width: 1920, height: 1080 },
  tiktok: { id: 'tiktok', label: 'TikTok (9:16)', aspect: '9:16', width: 1080, height: 1920 },
  square: { id: 'square', label: 'Square (1:1)', aspect: '1:1', width: 1080, height: 1080 },
};

export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[];
