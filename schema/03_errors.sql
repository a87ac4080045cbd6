
--------------------------------------------------------------------------
-- Error catalogue: one row per SQLSTATE of class YB that src/errors.h
-- names, so that failures are reported in one standard form (鲁医保发
-- 〔2022〕26号 第五条(三)).  The rows come from the registry compiled into
-- the library (src/error_registry.c), which is also where every error
-- raised takes its primary message from: the catalogue and the messages
-- cannot differ.
--------------------------------------------------------------------------

CREATE TABLE error_code (
	code		char(5) PRIMARY KEY CHECK (code ~ '^YB[0-9A-Z]{3}$'),
	category	text NOT NULL,
	message_en	text NOT NULL,
	message_zh	text NOT NULL,
	cause_en	text NOT NULL,
	cause_zh	text NOT NULL
);
COMMENT ON TABLE error_code IS
	'catalogue of xdjy''s own SQLSTATEs (class YB), classified, with cause in English and Chinese (鲁医保发〔2022〕26号 第五条(三))';
GRANT SELECT ON error_code TO xdjy_admin, xdjy_operator, xdjy_analyst;

CREATE FUNCTION error_registry()
	RETURNS TABLE (code text, category text, message_en text, message_zh text,
		cause_en text, cause_zh text)
	AS 'MODULE_PATHNAME', 'xdjy_error_registry'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION error_registry() IS
	'the registry of xdjy''s SQLSTATEs (class YB) compiled into the library: error_code is filled from it, and every error raised takes its primary message from it';

INSERT INTO error_code (code, category, message_en, message_zh, cause_en, cause_zh)
SELECT r.code, r.category, r.message_en, r.message_zh, r.cause_en, r.cause_zh
FROM error_registry() r;
