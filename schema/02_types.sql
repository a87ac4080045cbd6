
--------------------------------------------------------------------------
-- Label types: residence_category, filing_status
--------------------------------------------------------------------------

CREATE TYPE residence_category;

CREATE FUNCTION residence_category_in(cstring) RETURNS residence_category
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION residence_category_out(residence_category) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION residence_category_recv(internal) RETURNS residence_category
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION residence_category_send(residence_category) RETURNS bytea
	AS 'MODULE_PATHNAME', 'xdjy_label_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE residence_category (
	INPUT = residence_category_in,
	OUTPUT = residence_category_out,
	RECEIVE = residence_category_recv,
	SEND = residence_category_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE residence_category IS
	'who a filing is for: long_term_resident (异地长期居住人员) or temporary_outside (临时外出就医人员); accepts the legacy group names of 鲁医保发〔2021〕46号 第一条';

CREATE TYPE filing_status;

CREATE FUNCTION filing_status_in(cstring) RETURNS filing_status
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION filing_status_out(filing_status) RETURNS cstring
	AS 'MODULE_PATHNAME' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION filing_status_recv(internal) RETURNS filing_status
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION filing_status_send(filing_status) RETURNS bytea
	AS 'MODULE_PATHNAME', 'xdjy_label_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE filing_status (
	INPUT = filing_status_in,
	OUTPUT = filing_status_out,
	RECEIVE = filing_status_recv,
	SEND = filing_status_send,
	INTERNALLENGTH = 4,
	PASSEDBYVALUE,
	ALIGNMENT = int4,
	STORAGE = plain
);
COMMENT ON TYPE filing_status IS
	'state of a filing (备案): active (有效), changed (已变更), cancelled (已取消), terminated (已终止)';

-- functions ---------------------------------------------------------------

CREATE FUNCTION label(residence_category, lang text) RETURNS text
	AS 'MODULE_PATHNAME', 'residence_category_label'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION label(residence_category, text) IS
	'the label of a residence category in a given language (en or zh)';

CREATE FUNCTION label(filing_status, lang text) RETURNS text
	AS 'MODULE_PATHNAME', 'filing_status_label'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION label(filing_status, text) IS
	'the label of a filing status in a given language (en or zh)';

CREATE FUNCTION filing_status_can_transition("from" filing_status, "to" filing_status)
	RETURNS boolean
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION filing_status_can_transition(filing_status, filing_status) IS
	'true only for a move out of active (济宁市医保局 异地就医十项便民措施 第四条(一), 鲁医保发〔2022〕26号 第二条(一))';

-- comparison support, one C compare shared by both types -----------------

CREATE FUNCTION residence_category_cmp(residence_category, residence_category) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_eq(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_ne(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_lt(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_le(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_gt(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_ge(residence_category, residence_category) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_hash(residence_category) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION residence_category_hash_extended(residence_category, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_label_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE FUNCTION filing_status_cmp(filing_status, filing_status) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_eq(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_ne(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_lt(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_le(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_gt(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_ge(filing_status, filing_status) RETURNS boolean
	AS 'MODULE_PATHNAME', 'xdjy_label_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_hash(filing_status) RETURNS integer
	AS 'MODULE_PATHNAME', 'xdjy_label_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION filing_status_hash_extended(filing_status, bigint) RETURNS bigint
	AS 'MODULE_PATHNAME', 'xdjy_label_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

-- casts: text round-trips through the I/O functions ----------------------

CREATE CAST (residence_category AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS residence_category) WITH INOUT AS ASSIGNMENT;
CREATE CAST (filing_status AS text) WITH INOUT AS ASSIGNMENT;
CREATE CAST (text AS filing_status) WITH INOUT AS ASSIGNMENT;

-- operators ---------------------------------------------------------------

CREATE OPERATOR = (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_lt, COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_le, COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_gt, COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = residence_category, RIGHTARG = residence_category,
	PROCEDURE = residence_category_ge, COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

CREATE OPERATOR = (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_eq, COMMUTATOR = =, NEGATOR = <>,
	RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR <> (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_ne, COMMUTATOR = <>, NEGATOR = =,
	RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR < (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_lt, COMMUTATOR = >, NEGATOR = >=,
	RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR <= (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_le, COMMUTATOR = >=, NEGATOR = >,
	RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR > (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_gt, COMMUTATOR = <, NEGATOR = <=,
	RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
CREATE OPERATOR >= (
	LEFTARG = filing_status, RIGHTARG = filing_status,
	PROCEDURE = filing_status_ge, COMMUTATOR = <=, NEGATOR = <,
	RESTRICT = scalargesel, JOIN = scalargejoinsel
);

-- operator classes --------------------------------------------------------

CREATE OPERATOR CLASS residence_category_ops
	DEFAULT FOR TYPE residence_category USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 residence_category_cmp(residence_category, residence_category);
CREATE OPERATOR CLASS residence_category_ops
	DEFAULT FOR TYPE residence_category USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 residence_category_hash(residence_category),
	FUNCTION 2 residence_category_hash_extended(residence_category, bigint);

CREATE OPERATOR CLASS filing_status_ops
	DEFAULT FOR TYPE filing_status USING btree AS
	OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
	FUNCTION 1 filing_status_cmp(filing_status, filing_status);
CREATE OPERATOR CLASS filing_status_ops
	DEFAULT FOR TYPE filing_status USING hash AS
	OPERATOR 1 =,
	FUNCTION 1 filing_status_hash(filing_status),
	FUNCTION 2 filing_status_hash_extended(filing_status, bigint);
