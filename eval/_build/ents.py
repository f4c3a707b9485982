import json, sys, tomllib
E = {
 "lukashenko": ("Alexander Lukashenko","person",["Lukashenko","Aliaksandr Lukashenka","Lukashenka","Александр Лукашенко","Лукашенко"]),
 "viktor-lukashenko": ("Viktor Lukashenko","person",["Viktar Lukashenka","Виктор Лукашенко"]),
 "dmitry-lukashenko": ("Dmitry Lukashenko","person",["Dzmitry Lukashenka","Дмитрий Лукашенко"]),
 "halina-lukashenko": ("Halina Lukashenko","person",["Galina Lukashenko","Галина Лукашенко"]),
 "belavia": ("Belavia","organization",["Belavia Belarusian Airlines","Белавиа","Белавіа"]),
 "belaruskali": ("Belaruskali","organization",["Belaruskali OAO","Беларуськалий","Беларуськалій"]),
 "belarusian-potash-company": ("Belarusian Potash Company","organization",["BPC","Белорусская калийная компания","БКК"]),
 "agrorozkvit": ("Agrorozkvit","organization",["Агроразквит"]),
 "slavkali": ("Slavkali","organization",["Славкалий"]),
 "beltechexport": ("Beltechexport","organization",["Белтехэкспорт"]),
 "transaviaexport": ("Transaviaexport","organization",["Трансавиаэкспорт"]),
 "grodno-azot": ("Grodno Azot","organization",["Hrodna Azot","Гродно Азот"]),
 "grodno-khimvolokno": ("Grodno Khimvolokno","organization",["Гродно Химволокно"]),
 "naftan": ("Naftan","organization",["Нафтан"]),
 "belneftekhim": ("Belneftekhim","organization",["Белнефтехим"]),
 "belorusneft": ("Belorusneft","organization",["Belarusneft","Белоруснефть"]),
 "lakokraska": ("Lakokraska","organization",["Лакокраска"]),
 "polotsk-steklovolokno": ("Polotsk Steklovolokno","organization",["Полоцк-Стекловолокно"]),
 "cec-belarus": ("Central Election Commission of Belarus","organization",["Belarus CEC","Центральная избирательная комиссия Беларуси","ЦИК Беларуси"]),
 "belinvestbank": ("Belinvestbank","organization",["Белинвестбанк"]),
 "absolutbank": ("Absolutbank","organization",["Абсолютбанк"]),
 "belarus": ("Belarus","country",["Republic of Belarus","Беларусь","Белоруссия"]),
 "russia": ("Russia","country",["Russian Federation","Россия","Российская Федерация"]),
 "iran": ("Iran","country",["Islamic Republic of Iran","Иран"]),
 "rosneft": ("Rosneft","organization",["Роснефть"]),
 "lukoil": ("Lukoil","organization",["LUKOIL","Лукойл"]),
 "gazprom": ("Gazprom","organization",["Газпром"]),
 "gazprombank": ("Gazprombank","organization",["Газпромбанк"]),
 "sberbank": ("Sberbank","organization",["Сбербанк"]),
 "rosselkhozbank": ("Rosselkhozbank","organization",["Russian Agricultural Bank","Россельхозбанк"]),
 "credit-bank-of-moscow": ("Credit Bank of Moscow","organization",["MKB","Московский кредитный банк"]),
 "europol-gaz": ("EuRoPol GAZ","organization",["EuRoPol Gaz","Europol Gaz"]),
 "acron": ("Acron","organization",["Акрон"]),
 "kantor": ("Moshe Kantor","person",["Vyacheslav Kantor","Вячеслав Кантор"]),
 "abramovich": ("Roman Abramovich","person",["Абрамович"]),
 "timchenko": ("Gennady Timchenko","person",["Тимченко"]),
 "usmanov": ("Alisher Usmanov","person",["Усманов"]),
 "berezkin": ("Grigory Berezkin","person",["Березкин"]),
 "shulgin": ("Alexander Shulgin","person",["Александр Шульгин"]),
 "pumpyansky": ("Dmitry Pumpyansky","person",["Пумпянский"]),
 "fridman": ("Mikhail Fridman","person",["Михаил Фридман"]),
 "aven": ("Petr Aven","person",["Pyotr Aven","Пётр Авен"]),
 "degtyarev": ("Mikhail Degtyarev","person",["Михаил Дегтярёв"]),
 "ismailova": ("Gulbakhor Ismailova","person",["Гульбахор Исмаилова"]),
 "rashevsky": ("Vladimir Rashevsky","person",["Владимир Рашевский"]),
 "maga-foods": ("Maga Foods","organization",[]),
 "sinno-electronics": ("Sinno Electronics","organization",[]),
 "3hc-semiconductors": ("3HC Semiconductors","organization",[]),
 "urbo-bankas": ("Urbo Bankas","organization",["Urbo bank"]),
 "mano-bankas": ("Mano Bankas","organization",["Mano bank"]),
 "deripaska": ("Oleg Deripaska","person",["Дерипаска"]),
 "rusal": ("Rusal","organization",["UC Rusal","Русал"]),
 "sechin": ("Igor Sechin","person",["Игорь Сечин"]),
 "novatek": ("Novatek","organization",["Новатэк"]),
 "rosatom": ("Rosatom","organization",["Росатом"]),
 "aeroflot": ("Aeroflot","organization",["Аэрофлот"]),
 "alfa-bank": ("Alfa-Bank","organization",["Alfa Bank","Альфа-Банк"]),
 "vtb": ("VTB Bank","organization",["VTB","ВТБ"]),
 "sovcomflot": ("Sovcomflot","organization",["Совкомфлот"]),
 "putin": ("Vladimir Putin","person",["Putin","Владимир Путин"]),
 "kadyrov": ("Ramzan Kadyrov","person",["Рамзан Кадыров"]),
 "nord-stream-2": ("Nord Stream 2","organization",["Nord Stream 2 AG"]),
 "irgc": ("Islamic Revolutionary Guard Corps","organization",["IRGC","Revolutionary Guards"]),
 "huawei": ("Huawei","organization",["Huawei Technologies"]),
 "melnichenko": ("Andrey Melnichenko","person",["Андрей Мельниченко"]),
 "eurochem": ("EuroChem","organization",["ЕвроХим"]),
 "latvijas-gaze": ("Latvijas Gāze","organization",["Latvijas Gaze","Latvian Gas"]),
 "mazepin": ("Dmitry Mazepin","person",["Дмитрий Мазепин"]),
 "gazmanov": ("Oleg Gazmanov","person",["Олег Газманов"]),
 "kobzon": ("Joseph Kobzon","person",["Iosif Kobzon","Иосиф Кобзон"]),
 "valeriya": ("Valeriya","person",["Alla Perfilova","Валерия"]),
 "fsb": ("Federal Security Service of Russia","organization",["FSB","ФСБ"]),
 "central-bank-of-iran": ("Central Bank of Iran","organization",["CBI","Bank Markazi"]),
 "balandina": ("Lyudmila Balandina","person",["Людмила Баландина"]),
 "gordeev": ("Dmitry Gordeev","person",["Дмитрий Гордеев"]),
 "en-group": ("En+ Group","organization",["En+","EN+ Group"]),
 "eurosibenergo": ("EuroSibEnergo","organization",["Евросибэнерго"]),
}
HEADER = """# Watchlist for {batch}: English name and a few aliases per entity, as a user would type them
# (English, Russian/Belarusian spellings, acronyms). Inflected and other-language forms are left to
# the matcher. Country entities are labelled wherever the country's name (any inflection) occurs;
# adjectives ("russische", "białoruski") are not counted as mentions.
"""
def write_toml(batch, jsonl, out):
    ks = []
    for l in open(jsonl, encoding="utf-8"):
        for x in json.loads(l)["labels"]:
            if x["entity"] not in ks: ks.append(x["entity"])
    with open(out, "w", encoding="utf-8") as f:
        f.write(HEADER.format(batch=batch))
        for k in ks:
            n, kind, al = E[k]
            f.write(f'[[entity]]\nkey = "{k}"\nname = {json.dumps(n, ensure_ascii=False)}\nkind = "{kind}"\naliases = {json.dumps(al, ensure_ascii=False)}\n')
    d = tomllib.load(open(out, "rb")); print(out, len(d["entity"]), "entities")
if __name__ == "__main__":
    write_toml(sys.argv[1], sys.argv[2], sys.argv[3])
