-- test/t/lib/upgrade_catalog.sql: the catalog of extension xdjy as sorted
-- text, one line per attribute of an object: "KEY | ATTRIBUTE: VALUE".
-- Run by test/t/lib/upgrade_compare.bash on two databases, whose outputs
-- are diffed: an updated database and a fresh install of the same version
-- must print the same.
--
-- Objects are the members of the extension (pg_depend deptype 'e'), every
-- object in schema xdjy, and their sub-objects: columns, constraints,
-- triggers, policies, rules, operator family members, casts of their types.
-- Every object is named by pg_identify_object, never by OID, so that two
-- databases compare; ACLs are sorted (their order is the order of the
-- GRANTs, which carries no meaning).  The extension's own version is left
-- out: the caller checks it by itself (the bite checks compare a scratch
-- version with the real one).
\set ON_ERROR_STOP 1
SET search_path = pg_catalog, pg_temp;
SET client_min_messages = warning;

CREATE FUNCTION pg_temp.ident(c oid, o oid, s integer) RETURNS text
	LANGUAGE sql STABLE
	AS $$ SELECT i.type || ' ' || i.identity FROM pg_catalog.pg_identify_object(c, o, s) i $$;
CREATE FUNCTION pg_temp.acl(a aclitem[]) RETURNS text
	LANGUAGE sql STABLE
	AS $$ SELECT CASE WHEN a IS NULL THEN '<default>'
		ELSE coalesce((SELECT pg_catalog.string_agg(x::text, ' ' ORDER BY x::text COLLATE "C")
			FROM pg_catalog.unnest(a) x), '<none>') END $$;
CREATE FUNCTION pg_temp.opts(a text[]) RETURNS text
	LANGUAGE sql STABLE
	AS $$ SELECT pg_catalog.string_agg(x, ' ' ORDER BY x COLLATE "C") FROM pg_catalog.unnest(a) x $$;

CREATE TEMP TABLE obj (classid oid, objid oid, objsubid integer);
WITH ext AS (SELECT oid FROM pg_extension WHERE extname = 'xdjy'),
ns AS (SELECT oid FROM pg_namespace WHERE nspname = 'xdjy')
INSERT INTO obj
SELECT d.classid, d.objid, d.objsubid FROM pg_depend d, ext
WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
UNION SELECT 'pg_extension'::regclass, oid, 0 FROM ext
UNION SELECT 'pg_namespace'::regclass, oid, 0 FROM ns
UNION SELECT 'pg_class'::regclass, c.oid, 0 FROM pg_class c, ns WHERE c.relnamespace = ns.oid
UNION SELECT 'pg_proc'::regclass, p.oid, 0 FROM pg_proc p, ns WHERE p.pronamespace = ns.oid
UNION SELECT 'pg_type'::regclass, t.oid, 0 FROM pg_type t, ns WHERE t.typnamespace = ns.oid
UNION SELECT 'pg_operator'::regclass, o.oid, 0 FROM pg_operator o, ns WHERE o.oprnamespace = ns.oid
UNION SELECT 'pg_opclass'::regclass, o.oid, 0 FROM pg_opclass o, ns WHERE o.opcnamespace = ns.oid
UNION SELECT 'pg_opfamily'::regclass, o.oid, 0 FROM pg_opfamily o, ns WHERE o.opfnamespace = ns.oid
UNION SELECT 'pg_collation'::regclass, o.oid, 0 FROM pg_collation o, ns WHERE o.collnamespace = ns.oid
UNION SELECT 'pg_conversion'::regclass, o.oid, 0 FROM pg_conversion o, ns WHERE o.connamespace = ns.oid
UNION SELECT 'pg_statistic_ext'::regclass, o.oid, 0 FROM pg_statistic_ext o, ns WHERE o.stxnamespace = ns.oid
UNION SELECT 'pg_ts_config'::regclass, o.oid, 0 FROM pg_ts_config o, ns WHERE o.cfgnamespace = ns.oid
UNION SELECT 'pg_ts_dict'::regclass, o.oid, 0 FROM pg_ts_dict o, ns WHERE o.dictnamespace = ns.oid
UNION SELECT 'pg_ts_parser'::regclass, o.oid, 0 FROM pg_ts_parser o, ns WHERE o.prsnamespace = ns.oid
UNION SELECT 'pg_ts_template'::regclass, o.oid, 0 FROM pg_ts_template o, ns WHERE o.tmplnamespace = ns.oid;

-- sub-objects of the objects above
INSERT INTO obj
SELECT 'pg_class'::regclass, a.attrelid, a.attnum
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind NOT IN ('i', 'I', 'S')
	AND c.oid IN (SELECT objid FROM obj WHERE classid = 'pg_class'::regclass AND objsubid = 0)
UNION SELECT 'pg_constraint'::regclass, co.oid, 0 FROM pg_constraint co
WHERE co.conrelid IN (SELECT objid FROM obj WHERE classid = 'pg_class'::regclass)
	OR co.contypid IN (SELECT objid FROM obj WHERE classid = 'pg_type'::regclass)
	OR co.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = 'xdjy')
-- internal triggers are those of foreign keys, named after OIDs: the
-- constraints stand for them
UNION SELECT 'pg_trigger'::regclass, t.oid, 0 FROM pg_trigger t
WHERE NOT t.tgisinternal AND t.tgrelid IN (SELECT objid FROM obj WHERE classid = 'pg_class'::regclass)
UNION SELECT 'pg_policy'::regclass, p.oid, 0 FROM pg_policy p
WHERE p.polrelid IN (SELECT objid FROM obj WHERE classid = 'pg_class'::regclass)
UNION SELECT 'pg_rewrite'::regclass, r.oid, 0 FROM pg_rewrite r
WHERE r.ev_class IN (SELECT objid FROM obj WHERE classid = 'pg_class'::regclass)
UNION SELECT 'pg_amop'::regclass, o.oid, 0 FROM pg_amop o
WHERE o.amopfamily IN (SELECT objid FROM obj WHERE classid = 'pg_opfamily'::regclass)
UNION SELECT 'pg_amproc'::regclass, o.oid, 0 FROM pg_amproc o
WHERE o.amprocfamily IN (SELECT objid FROM obj WHERE classid = 'pg_opfamily'::regclass)
UNION SELECT 'pg_cast'::regclass, c.oid, 0 FROM pg_cast c
WHERE c.castsource IN (SELECT objid FROM obj WHERE classid = 'pg_type'::regclass)
	OR c.casttarget IN (SELECT objid FROM obj WHERE classid = 'pg_type'::regclass)
	OR c.castfunc IN (SELECT objid FROM obj WHERE classid = 'pg_proc'::regclass);

CREATE TEMP TABLE o AS
SELECT DISTINCT classid, objid, objsubid, pg_temp.ident(classid, objid, objsubid) AS key
FROM obj;

CREATE TEMP TABLE line (key text, attr text, val text);

-- every object, and whether it is a member of the extension (a member is
-- left out of pg_dump, a non-member is dumped on its own).  Columns,
-- constraints, triggers, policies, rules and operator family entries
-- belong to their object and are never members by themselves.
INSERT INTO line
SELECT o.key, 'member', EXISTS (SELECT FROM pg_depend d
	WHERE d.classid = o.classid AND d.objid = o.objid AND d.objsubid = o.objsubid
		AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
		AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'xdjy'))::text
FROM o
WHERE o.objsubid = 0 AND o.classid NOT IN ('pg_constraint'::regclass, 'pg_trigger'::regclass,
	'pg_policy'::regclass, 'pg_rewrite'::regclass, 'pg_amop'::regclass, 'pg_amproc'::regclass);

-- comments, security labels, initial privileges (what pg_dump leaves to
-- CREATE EXTENSION and dumps GRANTs against)
INSERT INTO line
SELECT o.key, 'comment', d.description
FROM o JOIN pg_description d ON (d.classoid, d.objoid, d.objsubid) = (o.classid, o.objid, o.objsubid)
UNION ALL
SELECT o.key, 'security label ' || l.provider, l.label
FROM o JOIN pg_seclabel l ON (l.classoid, l.objoid, l.objsubid) = (o.classid, o.objid, o.objsubid)
UNION ALL
SELECT o.key, 'initial privileges ' || p.privtype::text, pg_temp.acl(p.initprivs)
FROM o JOIN pg_init_privs p ON (p.classoid, p.objoid, p.objsubid) = (o.classid, o.objid, o.objsubid);

-- relations
INSERT INTO line
SELECT o.key, a.attr, a.val
FROM o JOIN pg_class c ON o.classid = 'pg_class'::regclass AND o.objsubid = 0 AND c.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('relkind', c.relkind::text),
	('relpersistence', c.relpersistence::text),
	('owner', pg_get_userbyid(c.relowner)::text),
	('relrowsecurity', c.relrowsecurity::text),
	('relforcerowsecurity', c.relforcerowsecurity::text),
	('reloptions', pg_temp.opts(c.reloptions)),
	('relacl', pg_temp.acl(c.relacl)),
	('relreplident', c.relreplident::text),
	('access method', (SELECT amname::text FROM pg_am WHERE oid = c.relam)),
	('tablespace', (SELECT spcname::text FROM pg_tablespace WHERE oid = c.reltablespace)),
	('of type', nullif(c.reloftype, 0)::regtype::text),
	('partition key', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END),
	('partition bound', pg_get_expr(c.relpartbound, c.oid)),
	('inherits', (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
		FROM pg_inherits i WHERE i.inhrelid = c.oid)),
	('index', CASE WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) END),
	('index flags', (SELECT format('clustered %s, replica identity %s, valid %s',
		x.indisclustered, x.indisreplident, x.indisvalid) FROM pg_index x WHERE x.indexrelid = c.oid)),
	('view', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END),
	('sequence', (SELECT format('%s start %s increment %s min %s max %s cache %s cycle %s',
			s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle)
		FROM pg_sequence s WHERE s.seqrelid = c.oid)),
	('sequence owned by', CASE WHEN c.relkind = 'S' THEN (SELECT string_agg(d.deptype::text || ' ' ||
			pg_temp.ident(d.refclassid, d.refobjid, d.refobjsubid), ', ')
		FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
			AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) END)
) AS a(attr, val)
WHERE a.val IS NOT NULL;

-- columns, in attnum order without the dropped ones: the position is what
-- a row's text and SELECT * show
INSERT INTO line
SELECT o.key, a.attr, a.val
FROM o
JOIN pg_attribute t ON o.classid = 'pg_class'::regclass AND o.objsubid > 0
	AND t.attrelid = o.objid AND t.attnum = o.objsubid
LEFT JOIN pg_attrdef ad ON ad.adrelid = t.attrelid AND ad.adnum = t.attnum
CROSS JOIN LATERAL (VALUES
	('position', (SELECT count(*) FROM pg_attribute p WHERE p.attrelid = t.attrelid
		AND p.attnum > 0 AND p.attnum <= t.attnum AND NOT p.attisdropped)::text),
	('type', format_type(t.atttypid, t.atttypmod)),
	('default', pg_get_expr(ad.adbin, ad.adrelid)),
	('not null', t.attnotnull::text),
	('collation', (SELECT n.nspname || '.' || l.collname FROM pg_collation l
		JOIN pg_namespace n ON n.oid = l.collnamespace WHERE l.oid = t.attcollation)),
	('identity', nullif(t.attidentity, '')::text),
	('generated', nullif(t.attgenerated, '')::text),
	('storage', t.attstorage::text),
	('compression', nullif(t.attcompression, '')::text),
	('statistics target', t.attstattarget::text),
	-- pg_attver=N, which this server adds to every column, is not an
	-- option any statement sets, and its value differs between databases
	('options', pg_temp.opts(ARRAY(SELECT x FROM unnest(t.attoptions) x WHERE x !~ '^pg_attver='))),
	('acl', pg_temp.acl(t.attacl))
) AS a(attr, val)
WHERE a.val IS NOT NULL;

-- constraints (of tables and of domains), triggers, policies, rules
INSERT INTO line
SELECT o.key, 'definition', pg_get_constraintdef(co.oid)
FROM o JOIN pg_constraint co ON o.classid = 'pg_constraint'::regclass AND co.oid = o.objid
UNION ALL
SELECT o.key, a.attr, a.val
FROM o JOIN pg_trigger t ON o.classid = 'pg_trigger'::regclass AND t.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('definition', pg_get_triggerdef(t.oid)),
	('enabled', t.tgenabled::text)
) AS a(attr, val)
UNION ALL
SELECT o.key, a.attr, a.val
FROM o JOIN pg_policy p ON o.classid = 'pg_policy'::regclass AND p.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('command', p.polcmd::text),
	('permissive', p.polpermissive::text),
	('roles', (SELECT string_agg(CASE r WHEN 0 THEN 'public' ELSE pg_get_userbyid(r)::text END, ' '
		ORDER BY CASE r WHEN 0 THEN 'public' ELSE pg_get_userbyid(r)::text END COLLATE "C")
		FROM unnest(p.polroles) r)),
	('using', pg_get_expr(p.polqual, p.polrelid)),
	('with check', pg_get_expr(p.polwithcheck, p.polrelid))
) AS a(attr, val)
WHERE a.val IS NOT NULL
UNION ALL
-- a view's _RETURN rule is its definition, printed with the view
SELECT o.key, a.attr, a.val
FROM o JOIN pg_rewrite r ON o.classid = 'pg_rewrite'::regclass AND r.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('definition', CASE WHEN r.rulename <> '_RETURN' THEN pg_get_ruledef(r.oid) END),
	('enabled', r.ev_enabled::text)
) AS a(attr, val)
WHERE a.val IS NOT NULL;

-- functions, procedures, aggregates
INSERT INTO line
SELECT o.key, a.attr, a.val
FROM o JOIN pg_proc p ON o.classid = 'pg_proc'::regclass AND p.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('definition', CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END),
	('kind', p.prokind::text),
	('language', (SELECT lanname::text FROM pg_language WHERE oid = p.prolang)),
	('owner', pg_get_userbyid(p.proowner)::text),
	('arguments', pg_get_function_arguments(p.oid)),
	('result', pg_get_function_result(p.oid)),
	('proconfig', pg_temp.opts(p.proconfig)),
	('prosecdef', p.prosecdef::text),
	('provolatile', p.provolatile::text),
	('proparallel', p.proparallel::text),
	('proisstrict', p.proisstrict::text),
	('proleakproof', p.proleakproof::text),
	('procost', p.procost::text),
	('prorows', p.prorows::text),
	('prosupport', nullif(p.prosupport, 0)::regproc::text),
	('proacl', pg_temp.acl(p.proacl)),
	('aggregate', (SELECT format('kind %s transfn %s finalfn %s combinefn %s serialfn %s deserialfn %s '
			'mtransfn %s minvtransfn %s mfinalfn %s finalextra %s mfinalextra %s finalmodify %s '
			'mfinalmodify %s sortop %s transtype %s transspace %s mtranstype %s mtransspace %s '
			'initval %s minitval %s',
			g.aggkind, g.aggtransfn, g.aggfinalfn, g.aggcombinefn, g.aggserialfn, g.aggdeserialfn,
			g.aggmtransfn, g.aggminvtransfn, g.aggmfinalfn, g.aggfinalextra, g.aggmfinalextra,
			g.aggfinalmodify, g.aggmfinalmodify, nullif(g.aggsortop, 0)::regoperator,
			g.aggtranstype::regtype, g.aggtransspace, nullif(g.aggmtranstype, 0)::regtype,
			g.aggmtransspace, g.agginitval, g.aggminitval)
		FROM pg_aggregate g WHERE g.aggfnoid = p.oid))
) AS a(attr, val)
WHERE a.val IS NOT NULL;

-- types: base, composite, domain, enum, range, multirange
INSERT INTO line
SELECT o.key, a.attr, a.val
FROM o JOIN pg_type t ON o.classid = 'pg_type'::regclass AND t.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('definition', format('typtype %s len %s byval %s category %s preferred %s delim %s '
		'relation %s element %s array %s input %s output %s receive %s send %s typmodin %s '
		'typmodout %s analyze %s subscript %s align %s storage %s not null %s base %s typmod %s '
		'ndims %s collation %s',
		t.typtype, t.typlen, t.typbyval, t.typcategory, t.typispreferred, t.typdelim,
		nullif(t.typrelid, 0)::regclass, nullif(t.typelem, 0)::regtype, nullif(t.typarray, 0)::regtype,
		t.typinput, t.typoutput, t.typreceive, t.typsend, t.typmodin, t.typmodout, t.typanalyze,
		t.typsubscript, t.typalign, t.typstorage, t.typnotnull,
		CASE WHEN t.typbasetype <> 0 THEN format_type(t.typbasetype, t.typtypmod) END,
		t.typtypmod, t.typndims,
		(SELECT n.nspname || '.' || l.collname FROM pg_collation l
			JOIN pg_namespace n ON n.oid = l.collnamespace WHERE l.oid = t.typcollation))),
	('default', pg_get_expr(t.typdefaultbin, 0)),
	('owner', pg_get_userbyid(t.typowner)::text),
	('typacl', pg_temp.acl(t.typacl)),
	('enum labels', (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
		FROM pg_enum e WHERE e.enumtypid = t.oid)),
	('range', (SELECT format('subtype %s collation %s opclass %s canonical %s subdiff %s multirange %s',
			r.rngsubtype::regtype, nullif(r.rngcollation, 0), pg_temp.ident('pg_opclass'::regclass, r.rngsubopc, 0),
			r.rngcanonical, r.rngsubdiff, r.rngmultitypid::regtype)
		FROM pg_range r WHERE r.rngtypid = t.oid))
) AS a(attr, val)
WHERE a.val IS NOT NULL;

-- operators, operator classes and families and their members, casts
INSERT INTO line
SELECT o.key, 'definition', format('kind %s left %s right %s result %s code %s commutator %s '
		'negator %s restrict %s join %s merges %s hashes %s owner %s',
		p.oprkind, nullif(p.oprleft, 0)::regtype, nullif(p.oprright, 0)::regtype,
		p.oprresult::regtype, p.oprcode::regprocedure, nullif(p.oprcom, 0)::regoperator,
		nullif(p.oprnegate, 0)::regoperator, nullif(p.oprrest, 0)::regprocedure,
		nullif(p.oprjoin, 0)::regprocedure, p.oprcanmerge, p.oprcanhash, pg_get_userbyid(p.oprowner))
FROM o JOIN pg_operator p ON o.classid = 'pg_operator'::regclass AND p.oid = o.objid
UNION ALL
SELECT o.key, 'definition', format('method %s input %s default %s key %s family %s owner %s',
		(SELECT amname FROM pg_am WHERE oid = c.opcmethod), c.opcintype::regtype, c.opcdefault,
		nullif(c.opckeytype, 0)::regtype, pg_temp.ident('pg_opfamily'::regclass, c.opcfamily, 0),
		pg_get_userbyid(c.opcowner))
FROM o JOIN pg_opclass c ON o.classid = 'pg_opclass'::regclass AND c.oid = o.objid
UNION ALL
SELECT o.key, 'definition', format('method %s owner %s',
		(SELECT amname FROM pg_am WHERE oid = f.opfmethod), pg_get_userbyid(f.opfowner))
FROM o JOIN pg_opfamily f ON o.classid = 'pg_opfamily'::regclass AND f.oid = o.objid
UNION ALL
SELECT o.key, 'definition', format('operator %s purpose %s sort family %s',
		m.amopopr::regoperator, m.amoppurpose,
		CASE WHEN m.amopsortfamily <> 0 THEN pg_temp.ident('pg_opfamily'::regclass, m.amopsortfamily, 0) END)
FROM o JOIN pg_amop m ON o.classid = 'pg_amop'::regclass AND m.oid = o.objid
UNION ALL
SELECT o.key, 'definition', format('function %s', m.amproc::regprocedure)
FROM o JOIN pg_amproc m ON o.classid = 'pg_amproc'::regclass AND m.oid = o.objid
UNION ALL
SELECT o.key, 'definition', format('function %s context %s method %s',
		nullif(c.castfunc, 0)::regprocedure, c.castcontext, c.castmethod)
FROM o JOIN pg_cast c ON o.classid = 'pg_cast'::regclass AND c.oid = o.objid
UNION ALL
SELECT o.key, 'definition', format('event %s function %s enabled %s tags %s owner %s',
		e.evtevent, e.evtfoid::regprocedure, e.evtenabled, e.evttags, pg_get_userbyid(e.evtowner))
FROM o JOIN pg_event_trigger e ON o.classid = 'pg_event_trigger'::regclass AND e.oid = o.objid
UNION ALL
SELECT o.key, 'definition', pg_get_statisticsobjdef(s.oid)
FROM o JOIN pg_statistic_ext s ON o.classid = 'pg_statistic_ext'::regclass AND s.oid = o.objid;

-- the schema: owner, grants, default privileges
INSERT INTO line
SELECT o.key, a.attr, a.val
FROM o JOIN pg_namespace n ON o.classid = 'pg_namespace'::regclass AND n.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('owner', pg_get_userbyid(n.nspowner)::text),
	('nspacl', pg_temp.acl(n.nspacl))
) AS a(attr, val)
UNION ALL
SELECT o.key, 'default privileges ' || pg_get_userbyid(d.defaclrole) || ' ' || d.defaclobjtype::text,
	pg_temp.acl(d.defaclacl)
FROM o JOIN pg_default_acl d ON o.classid = 'pg_namespace'::regclass AND d.defaclnamespace = o.objid;

-- the extension: its configuration tables (pg_dump dumps their rows) with
-- their conditions, by name (a set: the order of the
-- pg_extension_config_dump calls carries no meaning), what it requires
INSERT INTO line
SELECT o.key, a.attr, a.val
FROM o JOIN pg_extension e ON o.classid = 'pg_extension'::regclass AND e.oid = o.objid
CROSS JOIN LATERAL (VALUES
	('owner', pg_get_userbyid(e.extowner)::text),
	('schema', e.extnamespace::regnamespace::text),
	('relocatable', e.extrelocatable::text),
	('requires', (SELECT string_agg(r.extname, ', ' ORDER BY r.extname)
		FROM pg_depend d JOIN pg_extension r ON r.oid = d.refobjid
		WHERE d.classid = 'pg_extension'::regclass AND d.objid = e.oid
			AND d.refclassid = 'pg_extension'::regclass))
) AS a(attr, val)
UNION ALL
SELECT o.key, 'configuration ' || pg_temp.ident('pg_class'::regclass, c.rel, 0),
	coalesce(quote_literal(c.cond), '<no condition>')
FROM o JOIN pg_extension e ON o.classid = 'pg_extension'::regclass AND e.oid = o.objid
CROSS JOIN LATERAL unnest(e.extconfig, e.extcondition) AS c(rel, cond);

-- one line per line of a value, so that a diff shows the line that differs
-- of a function or a view, and names the object on each
SELECT l.key || ' | ' || l.attr || ': ' || coalesce(v.line, '<null>')
FROM line l
LEFT JOIN LATERAL regexp_split_to_table(l.val, E'\n') WITH ORDINALITY AS v(line, n) ON true
ORDER BY l.key COLLATE "C", l.attr COLLATE "C", v.n;
