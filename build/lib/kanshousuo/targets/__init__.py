"""Performance-target tables (项目支出绩效目标表): projects, indicators, stated quantities."""
