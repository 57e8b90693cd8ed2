export interface TocEntry {
	depth: number;
	text: string;
	id: string;
}

export interface LessonSummary {
	slug: string;
	title: string;
	summary: string;
	order: number;
	readingMinutes: number;
}

export interface LessonLink {
	slug: string;
	title: string;
}
